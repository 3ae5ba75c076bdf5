//! A class's attribute names shared by its instances (CPython's "shared keys").
//!
//! Instances of a user class keep their attributes in an array of values inline in the
//! instance (see `objects::instance`), not in a dict of their own: value `i` belongs to
//! the class's name `i` here. So an instance with three attributes is one small heap
//! object, which the collector marks in one step and an attribute read finds with one
//! scan of a short array.
//!
//! Invariants:
//! - append-only: a name, once at index `i`, stays there for the life of the class, so
//!   an index found once stays valid;
//! - `len` is published with Release after the name and hash of the new last entry, and
//!   readers load it with Acquire: a reader sees whole entries only;
//! - at most [`MAX_KEYS`] names; past that, instances keep new names in a dict;
//! - `__dict__` is never shared (assigning it replaces the namespace);
//! - a class whose instances take only their `__slots__` names shares exactly those,
//!   given before any instance exists ([`SharedKeys::freeze_with`]); its list never
//!   grows, so "is this name a slot?" is a `find`.
use crate::object::trace_value;
use crate::objects::str::StrData;
use crate::value::{AtomicValue, Value};
use parking_lot::Mutex;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::sync::atomic::{AtomicBool, AtomicI64};

/// Most names a class shares (CPython's limit too).
pub const MAX_KEYS: usize = 30;

pub struct SharedKeys {
    len: AtomicUsize,
    hashes: [AtomicI64; MAX_KEYS],
    /// Exact `str` objects (kept alive by the class: traced with it).
    names: [AtomicValue; MAX_KEYS],
    /// Serialises appends (readers take no lock).
    append: Mutex<()>,
    /// No names are added any more (`freeze_with`).
    frozen: AtomicBool,
}

impl Default for SharedKeys {
    fn default() -> Self {
        SharedKeys {
            len: AtomicUsize::new(0),
            hashes: std::array::from_fn(|_| AtomicI64::new(0)),
            names: std::array::from_fn(|_| AtomicValue::new(Value::NULL)),
            append: Mutex::new(()),
            frozen: AtomicBool::new(false),
        }
    }
}

impl SharedKeys {
    /// Names shared so far.
    pub fn len(&self) -> usize {
        self.len.load(Acquire)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Name `i` and its hash (`i < len()`).
    pub fn entry(&self, i: usize) -> (Value, i64) {
        (self.names[i].load(), self.hashes[i].load(Relaxed))
    }

    /// The index of `name` (an exact str with hash `hash`), if it is shared.
    #[inline]
    pub fn find(&self, name: Value, hash: i64) -> Option<usize> {
        let n = self.len.load(Acquire);
        (0..n).find(|&i| {
            self.hashes[i].load(Relaxed) == hash && same_name(self.names[i].load(), name)
        })
    }

    /// The index of `name`, appending it if there is room; None when the class already
    /// shares [`MAX_KEYS`] other names, or is frozen and `name` is not among them.
    #[inline]
    pub fn find_or_add(&self, name: Value, hash: i64) -> Option<usize> {
        if let Some(i) = self.find(name, hash) {
            return Some(i);
        }
        if self.is_frozen() {
            return None;
        }
        self.add(name, hash)
    }

    /// Does the class take only the names it shares (`__slots__` without `__dict__`)?
    #[inline]
    pub fn is_frozen(&self) -> bool {
        self.frozen.load(Relaxed)
    }

    /// Share exactly `names` (exact strs, the class's slot names), then no more. Called
    /// while the class is being made, before any instance exists.
    pub fn freeze_with(&self, names: &[Value]) {
        for &n in names {
            if let Some(s) = n.downcast::<StrData>() {
                let h = s.hash();
                if self.find(n, h).is_none() {
                    self.add(n, h);
                }
            }
        }
        self.frozen.store(true, Relaxed);
    }

    #[inline(never)]
    fn add(&self, name: Value, hash: i64) -> Option<usize> {
        let _g = self.append.lock();
        // Another thread may have appended it since our look.
        if let Some(i) = self.find(name, hash) {
            return Some(i);
        }
        let n = self.len.load(Relaxed);
        // `__dict__` is the namespace itself, never an attribute kept in a slot: an
        // assignment to it must reach `generic_setattr`, whichever path stores it.
        if n == MAX_KEYS
            || name
                .downcast::<StrData>()
                .is_some_and(|s| s.as_str() == "__dict__")
        {
            return None;
        }
        self.hashes[n].store(hash, Relaxed);
        self.names[n].store(name);
        self.len.store(n + 1, Release);
        Some(n)
    }
}

// SAFETY: marks the names in use (the rest are NULL); the world is stopped.
unsafe impl crate::trace::Trace for SharedKeys {
    fn trace(&self, t: &mut weft_gc::Tracer) {
        for name in &self.names[..self.len.load(Acquire)] {
            trace_value(name.load(), t);
        }
    }
}

/// Equal names: the same object (interned names, the common case) or equal text.
#[inline]
fn same_name(a: Value, b: Value) -> bool {
    a == b
        || match (a.downcast::<StrData>(), b.downcast::<StrData>()) {
            (Some(x), Some(y)) => x.text_eq(y),
            _ => false,
        }
}
