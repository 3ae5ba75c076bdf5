//! The vm's one list of retired storages: dict tables and list buffers that a writer
//! replaced while lock-free readers might still be reading them
//! (`weft_core::retire`). [`Vm::collect`](crate::vm::Vm::collect) frees them while the
//! world is stopped, when no reader is between two safepoints.
use weft_core::RetireList;

/// Every retired storage, whatever its kind.
pub static RETIRED: RetireList = RetireList::new();

/// Free the retired storages.
///
/// # Safety
/// The world is stopped (or no other thread exists and this one holds no storage
/// pointer): see `weft_core::retire`.
pub unsafe fn free_retired() {
    // SAFETY: caller's contract, which is RetireList::free_all's.
    unsafe { RETIRED.free_all() }
}
