//! `Trace`: how the collector finds the values a payload holds.
//!
//! Every payload implements `Trace`, almost always by `#[derive(Trace)]` (crate
//! `weft-macros`), which traces every field. So a `Value` field added later is traced
//! without anyone remembering to; a field that must not be traced (a weak referent) says so
//! with `#[unsafe_untraced = "why"]`, a promise the reader can check.
//!
//! The trait is `unsafe` because an incomplete `trace` frees live objects. The impls below
//! are either complete by construction (containers trace their elements) or for types that
//! cannot hold a `Value` (numbers, text, atomics of integers): the collector has nothing
//! to find in them.
//!
//! Tracing runs only while the world is stopped (DESIGN.md invariant 1). Locks inside
//! payloads are read without being taken: no thread holds an object lock across a safepoint
//! (invariant 3), and the only other readers then are marker threads, which never write.
use crate::object::trace_value;
use crate::value::{AtomicValue, Value};
use weft_gc::Tracer;

pub use weft_macros::Trace;

/// # Safety
/// `trace` must mark every `Value` the object keeps alive (`Tracer::mark` through
/// `trace_value`), and must not mutate anything.
pub unsafe trait Trace {
    fn trace(&self, t: &mut Tracer);
}

// SAFETY: a Value is the one thing to mark.
unsafe impl Trace for Value {
    #[inline]
    fn trace(&self, t: &mut Tracer) {
        trace_value(*self, t);
    }
}

// SAFETY: an AtomicValue holds one Value; the world is stopped, so a plain load is exact.
unsafe impl Trace for AtomicValue {
    #[inline]
    fn trace(&self, t: &mut Tracer) {
        trace_value(self.load(), t);
    }
}

/// Types that cannot hold a `Value`: tracing them marks nothing.
macro_rules! holds_no_values {
    ($($t:ty),* $(,)?) => {
        $(
            // SAFETY: this type cannot contain a Value.
            unsafe impl Trace for $t {
                #[inline]
                fn trace(&self, _: &mut Tracer) {}
            }
        )*
    };
}

holds_no_values!(
    (),
    weft_core::BiasedIndex,
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    usize,
    i8,
    i16,
    i32,
    i64,
    isize,
    f64,
    String,
    str,
    &'static str,
    num_bigint::BigInt,
    std::sync::atomic::AtomicBool,
    std::sync::atomic::AtomicU8,
    std::sync::atomic::AtomicU32,
    std::sync::atomic::AtomicI32,
    std::sync::atomic::AtomicU64,
    std::sync::atomic::AtomicI64,
    std::sync::atomic::AtomicUsize,
    std::sync::Arc<weft_compiler::bytecode::CodeData>,
    parking_lot::Condvar,
    crate::native::NativeFn,
    crate::objects::typeobj::NewFn,
    crate::objects::typeobj::Layout,
    crate::objects::iter::DictIterKind,
    crate::objects::iter::MiscIterKind,
);

// SAFETY: traces every element.
unsafe impl<T: Trace> Trace for [T] {
    #[inline]
    fn trace(&self, t: &mut Tracer) {
        for x in self {
            x.trace(t);
        }
    }
}

// SAFETY: traces every element.
unsafe impl<T: Trace, const N: usize> Trace for [T; N] {
    #[inline]
    fn trace(&self, t: &mut Tracer) {
        self.as_slice().trace(t);
    }
}

// SAFETY: traces every element.
unsafe impl<T: Trace> Trace for Vec<T> {
    #[inline]
    fn trace(&self, t: &mut Tracer) {
        self.as_slice().trace(t);
    }
}

// SAFETY: traces the boxed value.
unsafe impl<T: Trace + ?Sized> Trace for Box<T> {
    #[inline]
    fn trace(&self, t: &mut Tracer) {
        (**self).trace(t);
    }
}

// SAFETY: traces the value if present.
unsafe impl<T: Trace> Trace for Option<T> {
    #[inline]
    fn trace(&self, t: &mut Tracer) {
        if let Some(x) = self {
            x.trace(t);
        }
    }
}

// SAFETY: traces both halves.
unsafe impl<A: Trace, B: Trace> Trace for (A, B) {
    #[inline]
    fn trace(&self, t: &mut Tracer) {
        self.0.trace(t);
        self.1.trace(t);
    }
}

// SAFETY: traces all three.
unsafe impl<A: Trace, B: Trace, C: Trace> Trace for (A, B, C) {
    #[inline]
    fn trace(&self, t: &mut Tracer) {
        self.0.trace(t);
        self.1.trace(t);
        self.2.trace(t);
    }
}

// SAFETY: traces every key and value.
unsafe impl<K: Trace, V: Trace, S> Trace for std::collections::HashMap<K, V, S> {
    fn trace(&self, t: &mut Tracer) {
        for (k, v) in self {
            k.trace(t);
            v.trace(t);
        }
    }
}

// SAFETY: traces the protected value. It is read without taking the lock: tracing runs
// with the world stopped, and no thread holds an object lock across a safepoint (DESIGN.md
// invariant 3), so no writer is inside it.
unsafe impl<T: Trace> Trace for parking_lot::Mutex<T> {
    #[inline]
    fn trace(&self, t: &mut Tracer) {
        // SAFETY: see above: nobody holds or takes this lock while the world is stopped.
        unsafe { (*self.data_ptr()).trace(t) }
    }
}

// SAFETY: as for Mutex.
unsafe impl<T: Trace> Trace for parking_lot::RwLock<T> {
    #[inline]
    fn trace(&self, t: &mut Tracer) {
        // SAFETY: nobody holds or takes this lock while the world is stopped (invariant 3).
        unsafe { (*self.data_ptr()).trace(t) }
    }
}
