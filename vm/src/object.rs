//! Heap object layout and the `Payload` trait.
//!
//! Every Python object on the heap is an `Obj<T>`: the collector's 16-byte header, the
//! object's Python type, then the Rust payload `T`. The gc vtable of `T` identifies the
//! payload kind, so `downcast::<T>()` is one pointer compare; the Python type (which may
//! be a user subclass) is the `ty` field.
//!
//! Payloads are `Send + Sync`: objects are shared between threads, so every mutable
//! payload uses interior mutability (a lock or atomics), DESIGN.md invariant 4.
use crate::trace::Trace;
use crate::value::Value;
use weft_gc::{GcHeader, GcPtr, GcVTable, Tracer};

#[repr(C)]
pub struct Obj<T> {
    _gc: GcHeader,
    pub ty: Value,
    pub data: T,
}

/// A Rust type that can live on the heap as a Python object's payload. Its `Trace` impl
/// (derived: `#[derive(Trace)]`) marks every heap value it holds.
pub trait Payload: Trace + Sized + Send + Sync + 'static {
    /// The collector's vtable for `Obj<Self>` (one static per payload kind; see `payload!`).
    fn vtable() -> &'static GcVTable;
}

/// Trace one value: marks it if it is a heap pointer.
#[inline]
pub fn trace_value(v: Value, t: &mut Tracer) {
    if let Some(p) = v.as_gc() {
        t.mark(p);
    }
}

pub fn trace_values(vs: &[Value], t: &mut Tracer) {
    for &v in vs {
        trace_value(v, t);
    }
}

/// # Safety
/// `p` must point to a live `Obj<T>` (the collector calls this through T's vtable only).
pub unsafe fn trace_thunk<T: Payload>(p: GcPtr, t: &mut Tracer) {
    // SAFETY: the vtable of p is T's, so p is an Obj<T> (caller's contract).
    let obj = unsafe { &*(p.as_ptr() as *const Obj<T>) };
    trace_value(obj.ty, t);
    obj.data.trace(t);
}

/// # Safety
/// `p` must point to a dead `Obj<T>` whose payload has not been dropped yet.
pub unsafe fn drop_thunk<T: Payload>(p: GcPtr) {
    // SAFETY: the sweep calls drop exactly once per dead object of this vtable.
    unsafe { std::ptr::drop_in_place(&mut (*(p.as_ptr() as *mut Obj<T>)).data) };
}

/// Implements `Payload` for a type that implements `Trace`: `payload!(ListData, "list")`.
#[macro_export]
macro_rules! payload {
    ($t:ty, $name:expr) => {
        impl $crate::object::Payload for $t {
            fn vtable() -> &'static weft_gc::GcVTable {
                static VT: weft_gc::GcVTable = weft_gc::GcVTable {
                    name: $name,
                    trace: $crate::object::trace_thunk::<$t>,
                    drop: $crate::object::drop_thunk::<$t>,
                    needs_drop: std::mem::needs_drop::<$t>(),
                };
                &VT
            }
        }
    };
}

impl Value {
    /// The payload if this value is a heap object of payload kind `T`.
    #[inline]
    pub fn downcast<T: Payload>(&self) -> Option<&T> {
        let p = self.as_gc()?;
        if std::ptr::eq(p.vtable(), T::vtable()) {
            // SAFETY: the vtable identifies the payload kind, so p is an Obj<T>;
            // it is reachable while the caller holds this value (rooting discipline).
            Some(unsafe { &(*(p.as_ptr() as *const Obj<T>)).data })
        } else {
            None
        }
    }

    #[inline]
    pub fn is<T: Payload>(&self) -> bool {
        match self.as_gc() {
            Some(p) => std::ptr::eq(p.vtable(), T::vtable()),
            None => false,
        }
    }

    /// The Python type stored in a heap object's header (None for non-heap values).
    #[inline]
    pub fn heap_type(&self) -> Option<Value> {
        let p = self.as_gc()?;
        // SAFETY: every heap object starts with the Obj layout (header, ty).
        Some(unsafe { (*(p.as_ptr() as *const Obj<()>)).ty })
    }
}

/// Write a fresh object into memory the heap just handed out.
///
/// # Safety
/// `p` must be a fresh allocation of at least `size_of::<Obj<T>>()` bytes with T's vtable.
pub unsafe fn init_obj<T: Payload>(p: GcPtr, ty: Value, data: T) {
    let o = p.as_ptr() as *mut Obj<T>;
    // SAFETY: fresh, correctly sized and aligned allocation (caller's contract).
    unsafe {
        std::ptr::addr_of_mut!((*o).ty).write(ty);
        std::ptr::addr_of_mut!((*o).data).write(data);
    }
}
