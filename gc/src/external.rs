//! Bytes that objects own outside the block heap: list storage, str and bytes text, big
//! integers' digits. The process's global allocator (the `weft` command's) reports each
//! counted allocation here, so that payload memory requests collections as block memory
//! does and counts against the heap limit (`-X heapsize`).
//!
//! Only allocations of at least [`MIN_COUNTED`] bytes with an alignment of at most 16 are
//! counted: small ones would put a shared atomic on every `malloc`, and the heap's own
//! chunks (aligned to their size) are block memory already. A free is counted when its
//! allocation was (the same size and alignment decide), so the count never drifts.
//! Without a counting allocator (tests, embedders) the count stays 0.
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Arc, OnceLock};
use weft_core::Attention;
use weft_core::attention::COLLECT;

/// The smallest allocation counted.
pub const MIN_COUNTED: usize = 512;

static BYTES: AtomicUsize = AtomicUsize::new(0);
/// Counted bytes past which a collection is requested (set after each collection).
static TRIGGER: AtomicUsize = AtomicUsize::new(usize::MAX);
/// The attention word of the process's heap (the first one created).
static ATTENTION: OnceLock<Arc<Attention>> = OnceLock::new();

/// Is an allocation of this size and alignment counted?
#[inline]
pub fn counted(size: usize, align: usize) -> bool {
    size >= MIN_COUNTED && align <= 16
}

thread_local! {
    /// Counted bytes this thread has allocated since it began (never decreases): which
    /// thread grows payload memory. A const `Cell` needs no allocation or destructor,
    /// so the global allocator may touch it.
    static THREAD_BYTES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counted bytes the calling thread has allocated since it began.
pub fn thread_bytes() -> usize {
    THREAD_BYTES.get()
}

/// A counted allocation of `size` bytes was made.
#[inline]
pub fn on_alloc(size: usize) {
    THREAD_BYTES.set(THREAD_BYTES.get().wrapping_add(size));
    let now = BYTES.fetch_add(size, Relaxed).wrapping_add(size);
    if now > TRIGGER.load(Relaxed) {
        request();
    }
}

/// A counted allocation of `size` bytes was freed.
#[inline]
pub fn on_free(size: usize) {
    BYTES.fetch_sub(size, Relaxed);
}

#[cold]
fn request() {
    if let Some(a) = ATTENTION.get() {
        a.raise(COLLECT);
    }
}

/// Counted bytes now.
pub fn bytes() -> usize {
    BYTES.load(Relaxed)
}

/// The heap whose collections payload growth requests (the first one wins).
pub(crate) fn register(attention: &Arc<Attention>) {
    let _ = ATTENTION.set(attention.clone());
}

/// After a collection: request the next one when payloads have grown by `threshold`.
pub(crate) fn set_trigger(threshold: usize) {
    TRIGGER.store(bytes().saturating_add(threshold), Relaxed);
}
