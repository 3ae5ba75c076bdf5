//! The collector's hook for weak references (DESIGN.md invariant 6): a weakref whose
//! referent died is set dead, and its callback queued to run after the sweep.
use crate::objects::weakref::WeakRefData;
use crate::value::Value;
use crate::vm::Runtime;
use weft_gc::GcPtr;

/// Called during weak processing for each live weakref whose referent is dead, newest
/// first for one referent. Must not allocate.
pub fn on_cleared(rt: &Runtime, wr: GcPtr) {
    let v = Value::from_gc(wr);
    let Some(w) = v.downcast::<WeakRefData>() else {
        return;
    };
    w.kill();
    let cb = w.callback;
    if !cb.is_null() && !cb.is_none() {
        rt.pending_callbacks.lock().push_back((cb, v));
    }
}
