//! The object header, the per-kind vtable and the heap pointer type.

use crate::mark::Tracer;
use std::ptr::NonNull;
use std::sync::atomic::AtomicU32;

/// Size of one heap block; every object is a whole number of blocks, 16-byte aligned.
pub const BLOCK_SIZE: usize = 16;

/// First 16 bytes of every heap object. The vm's object layout starts right after it.
///
/// Invariant: written once by `Heap::alloc` before the pointer is handed out; `vtable`
/// and `blocks` never change while the object is live.
#[repr(C)]
pub struct GcHeader {
    vtable: &'static GcVTable,
    blocks: u32,
    flags: AtomicU32,
}

const _: () = assert!(std::mem::size_of::<GcHeader>() == BLOCK_SIZE);
const _: () = assert!(std::mem::align_of::<GcHeader>() <= BLOCK_SIZE);

impl GcHeader {
    pub(crate) fn new(vtable: &'static GcVTable, blocks: u32) -> Self {
        GcHeader {
            vtable,
            blocks,
            flags: AtomicU32::new(0),
        }
    }

    /// The object's vtable.
    pub fn vtable(&self) -> &'static GcVTable {
        self.vtable
    }

    /// Size of the allocation in blocks (header included).
    pub fn blocks(&self) -> u32 {
        self.blocks
    }

    /// Size of the allocation in bytes (header included).
    pub fn size_bytes(&self) -> usize {
        self.blocks as usize * BLOCK_SIZE
    }

    /// 32 bits free for the vm/gc to use (e.g. "finalised once").
    pub fn flags(&self) -> &AtomicU32 {
        &self.flags
    }
}

/// Per-Rust-type operations the collector needs. The vm makes one `static` per object kind.
pub struct GcVTable {
    pub name: &'static str,
    /// Report every heap pointer held by the object (call tracer.mark for each).
    /// Called during a stopped world, possibly from several marker threads at once
    /// (each object is traced by exactly one marker).
    pub trace: unsafe fn(obj: GcPtr, tracer: &mut Tracer),
    /// Drop the payload in place (free malloc'ed buffers). Called by the sweep for every
    /// dead object, exactly once. Must not touch other heap objects.
    pub drop: unsafe fn(obj: GcPtr),
    /// False when `drop` does nothing (the payload owns no memory or resource, e.g.
    /// `!std::mem::needs_drop::<T>()`): the sweep then skips the call.
    pub needs_drop: bool,
}

impl std::fmt::Debug for GcVTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GcVTable")
            .field("name", &self.name)
            .field("needs_drop", &self.needs_drop)
            .finish_non_exhaustive()
    }
}

/// Pointer to the header of a live heap object.
///
/// Invariant (held by whoever builds one): it points at a header written by
/// `Heap::alloc` of a heap that is still alive, and the object has not been swept.
/// The safe accessors rely on that.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct GcPtr(NonNull<GcHeader>);

// SAFETY: a GcPtr is an address; the heap it points into is shared by all threads
// (the header is immutable except for the atomic `flags`).
unsafe impl Send for GcPtr {}
// SAFETY: as above.
unsafe impl Sync for GcPtr {}

impl GcPtr {
    pub fn as_ptr(self) -> *mut GcHeader {
        self.0.as_ptr()
    }

    pub fn addr(self) -> usize {
        self.0.as_ptr() as usize
    }

    /// # Safety
    /// `p` must be non-null and point at the header of a live object of a live heap.
    pub unsafe fn from_raw(p: *mut GcHeader) -> GcPtr {
        debug_assert!(!p.is_null());
        // SAFETY: the caller guarantees `p` is non-null.
        GcPtr(unsafe { NonNull::new_unchecked(p) })
    }

    /// Address just after the header (16-byte aligned).
    pub fn payload(self) -> *mut u8 {
        // SAFETY: the object is at least one block, so header+16 is within or one past it.
        unsafe { (self.as_ptr() as *mut u8).add(BLOCK_SIZE) }
    }

    /// The object's header.
    pub fn header(&self) -> &GcHeader {
        // SAFETY: GcPtr invariant: points at a live, initialised header.
        unsafe { self.0.as_ref() }
    }

    pub fn vtable(self) -> &'static GcVTable {
        self.header().vtable()
    }

    /// Size of the allocation in blocks (header included).
    pub fn blocks(self) -> u32 {
        self.header().blocks()
    }
}
