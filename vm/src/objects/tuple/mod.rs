//! `tuple`: an immutable array of values, stored inside the tuple's own heap object.
//!
//! Layout: the object is `Obj<TupleData>` (header, type, `TupleData`, whose one field is
//! the item count) followed by a tail of `len` values. A tuple is one allocation; the
//! sweep frees it with the block, with no `free` of a separate buffer. The items are
//! written once, by `Vm::new_tuple_from`, before anything else can see the tuple, and
//! never change after.
pub mod methods;
use crate::object::{Obj, trace_values};
use crate::payload;
use crate::trace::Trace;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

#[repr(C)]
pub struct TupleData(pub Items);
payload!(TupleData, "tuple");

/// A tuple's items: a count here, the values right after it in the object (its tail).
/// Derefs to the slice of values.
#[repr(C)]
pub struct Items {
    len: usize,
}

/// Bytes of a tuple object before its first item: the items start where `TupleData`
/// ends, which is the end of `Obj<TupleData>`.
const FIXED: usize = std::mem::size_of::<Obj<TupleData>>();
const _: () =
    assert!(std::mem::offset_of!(Obj<TupleData>, data) + std::mem::size_of::<TupleData>() == FIXED);

impl std::ops::Deref for Items {
    type Target = [Value];
    #[inline]
    fn deref(&self) -> &[Value] {
        // SAFETY: module invariant: `len` initialised values follow this header inside
        // its heap object (FIXED is where `TupleData` ends), alive as long as `self`.
        unsafe {
            let p = (self as *const Items).add(1) as *const Value;
            std::slice::from_raw_parts(p, self.len)
        }
    }
}

// SAFETY: marks every item (all written before the tuple was published; a tail the
// allocator zeroed holds NULL values, which are not heap values, until then).
unsafe impl Trace for TupleData {
    fn trace(&self, t: &mut weft_gc::Tracer) {
        trace_values(&self.0, t);
    }
}

impl Vm {
    /// A tuple of `items` (the caller keeps them alive: no collection runs between the
    /// allocation and the copy, which has no safepoint).
    pub fn new_tuple_from(&mut self, items: &[Value]) -> PyResult {
        let ty = self.rt.types.tuple;
        let bytes = std::mem::size_of_val(items);
        let v = self.alloc_sized(ty, TupleData(Items { len: items.len() }), bytes)?;
        let p = v.as_gc().expect("fresh tuple").as_ptr() as *mut u8;
        // SAFETY: `v` is fresh, with a tail of `bytes` bytes at FIXED (alloc_sized), and
        // no other thread can see it yet.
        unsafe { std::ptr::copy_nonoverlapping(items.as_ptr() as *const u8, p.add(FIXED), bytes) };
        Ok(v)
    }
}
