//! The collector's hook for weak references (DESIGN.md invariant 6): a weakref whose
//! referent died is set dead, and its callback queued to run after the sweep.
use crate::objects::weakref::WeakRefData;
use crate::value::Value;
use crate::vm::Runtime;
use weft_gc::GcPtr;

/// Called during weak processing for each live weakref whose referent is dead, newest
/// first for one referent. Must not allocate (beyond the queue's own buffer). Returns
/// whether a callback was queued.
pub fn on_cleared(rt: &Runtime, wr: GcPtr) -> bool {
    let v = Value::from_gc(wr);
    let Some(w) = v.downcast::<WeakRefData>() else {
        return false;
    };
    w.kill();
    let cb = w.callback;
    if !cb.is_null() && !cb.is_none() {
        rt.pending_callbacks.push((cb, v));
        return true;
    }
    false
}

/// Called for each unreachable object with a finaliser (`__del__`): it survives this
/// collection, rooted by the queue, and its `__del__` runs after the weakref
/// callbacks the same collection queued (CPython's order). A NULL callable in the
/// queue means "call the object's `__del__`".
pub fn on_finalize(rt: &Runtime, obj: GcPtr) {
    rt.pending_callbacks
        .push((Value::NULL, Value::from_gc(obj)));
}
