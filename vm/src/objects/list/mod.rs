//! `list`: items in a `weft_core::PubVec`, so reads take no lock.
//!
//! Readers (`l[i]`, `len`, iteration, `in`, snapshots, the collector) load the current
//! item buffer and read it without locking or writing anything shared; writers hold the
//! list's lock for one operation. The invariants are `PubVec`'s (core/src/pubvec.rs):
//! a reader sees, at each index, an item that was in the list at some moment during its
//! read, never a torn or freed value; a buffer a writer replaces is retired to
//! `crate::retired::RETIRED` and freed at the next stop-the-world.
//!
//! No Python code runs while the lock is held (DESIGN.md invariant 3), so every method
//! that compares or calls out works on a snapshot (`snapshot`) and writes back after.
//! Values read here stay valid until the reader's next safepoint (DESIGN.md invariant 1).
pub mod methods;
use crate::object::trace_value;
use crate::payload;
use crate::retired::RETIRED;
use crate::trace::Trace;
use crate::value::Value;
use weft_core::PubVec;
use weft_core::pubvec::{View, Writer};
use weft_gc::Tracer;

pub struct ListData(PubVec);
payload!(ListData, "list");

// SAFETY: marks every item. The world is stopped while tracing: no writer is inside an
// operation (no lock is held across a safepoint), so the current buffer is the whole
// list; retired buffers hold nothing that is still in the list.
unsafe impl Trace for ListData {
    fn trace(&self, t: &mut Tracer) {
        for w in self.0.view().iter() {
            trace_value(Value::from_raw(w), t);
        }
    }
}

/// `Value` is a transparent `u64`: a slice of one is a slice of the other.
fn raw(vs: &[Value]) -> &[u64] {
    // SAFETY: Value is #[repr(transparent)] over u64 (value.rs), same size and alignment.
    unsafe { std::slice::from_raw_parts(vs.as_ptr() as *const u64, vs.len()) }
}

fn values(ws: Vec<u64>) -> Vec<Value> {
    ws.into_iter().map(Value::from_raw).collect()
}

impl ListData {
    /// A list of `items`, biased to the creating thread (which usually goes on
    /// filling it: a comprehension, `list(...)`, `[]` then appends).
    pub fn new(items: &[Value]) -> ListData {
        ListData(PubVec::from_slice(raw(items)).biased_to(crate::vm::current_thread_id()))
    }

    /// A new list of the items of `view` at `positions` (each inside the view).
    pub fn from_positions(
        view: ListView<'_>,
        positions: impl ExactSizeIterator<Item = usize>,
    ) -> ListData {
        ListData(PubVec::from_words(
            positions.map(|i| view.get(i).expect("inside the view").raw()),
        ))
    }

    // ------------------------------------------------------------ readers (no lock)

    #[inline]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Item `i`, if `i < len`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<Value> {
        self.0.get(i).map(Value::from_raw)
    }

    /// The items as they are now (copied).
    pub fn snapshot(&self) -> Vec<Value> {
        values(self.0.snapshot())
    }

    /// One consistent view of the items (valid until the next safepoint).
    #[inline]
    pub fn view(&self) -> ListView<'_> {
        ListView(self.0.view())
    }

    // ------------------------------------------------------------ writers

    /// The list's lock, for one operation (no Python code, no safepoint while held).
    #[inline]
    pub fn write(&self) -> ListWriter<'_> {
        ListWriter(self.0.write(crate::vm::current_thread_id(), &RETIRED))
    }

    #[inline]
    pub fn push(&self, v: Value) {
        self.write().push(v)
    }

    pub fn extend(&self, items: &[Value]) {
        self.write().extend(items)
    }

    /// Make the list hold exactly `items` (readers see the old or the new list whole).
    pub fn replace(&self, items: &[Value]) {
        self.write().replace(items)
    }

    pub fn clear(&self) {
        self.write().clear()
    }
}

/// A reader's view of one item buffer (see [`ListData::view`]).
#[derive(Clone, Copy)]
pub struct ListView<'a>(View<'a>);

impl<'a> ListView<'a> {
    #[inline]
    pub fn len(&self) -> usize {
        self.0.len()
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    #[inline]
    pub fn get(&self, i: usize) -> Option<Value> {
        self.0.get(i).map(Value::from_raw)
    }
    pub fn iter(&self) -> impl Iterator<Item = Value> + 'a {
        self.0.iter().map(Value::from_raw)
    }
    pub fn to_vec(&self) -> Vec<Value> {
        values(self.0.to_vec())
    }
}

/// A writer's access to the items (holds the list's lock).
pub struct ListWriter<'a>(Writer<'a>);

impl ListWriter<'_> {
    #[inline]
    pub fn len(&self) -> usize {
        self.0.len()
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    #[inline]
    pub fn get(&self, i: usize) -> Option<Value> {
        self.0.get(i).map(Value::from_raw)
    }
    /// Store item `i` (`i < len`).
    #[inline]
    pub fn set(&mut self, i: usize, v: Value) {
        self.0.set(i, v.raw())
    }
    #[inline]
    pub fn push(&mut self, v: Value) {
        self.0.push(v.raw())
    }
    pub fn extend(&mut self, items: &[Value]) {
        self.0.extend(raw(items))
    }
    /// Insert before index `i` (`i <= len`).
    pub fn insert(&mut self, i: usize, v: Value) {
        self.0.insert(i, v.raw())
    }
    /// Remove and return item `i` (`i < len`).
    pub fn remove(&mut self, i: usize) -> Value {
        Value::from_raw(self.0.remove(i))
    }
    pub fn truncate(&mut self, n: usize) {
        self.0.truncate(n)
    }
    pub fn clear(&mut self) {
        self.0.clear()
    }
    pub fn reverse(&mut self) {
        self.0.reverse()
    }
    /// Make the list hold exactly `items`, published at once.
    pub fn replace(&mut self, items: &[Value]) {
        self.0.replace(raw(items))
    }
    pub fn to_vec(&self) -> Vec<Value> {
        values(self.0.to_vec())
    }
}
