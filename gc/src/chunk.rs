//! Chunks: large aligned runs of 16-byte blocks, each with its side tables.
//!
//! Layout of a chunk's memory: block 0 holds a pointer to the chunk's [`Chunk`] record
//! (its side tables); blocks `1..nblocks` hold objects. Every chunk's memory is aligned
//! to [`CHUNK_SIZE`], and every object header lies in the first `CHUNK_SIZE` bytes of
//! its chunk's memory (a normal chunk is exactly `CHUNK_SIZE`; a large chunk holds one
//! object starting at block 1). So `addr & !(CHUNK_SIZE - 1)` of an object header is its
//! chunk base, and the word there leads to the side tables: no lookup, no lock.
//!
//! Side tables, one bit per block, as `AtomicBitmap`s:
//! - ATB: "an allocated object's header starts at this block" (size from the header);
//! - mark: set by the marker (one `fetch_or` claims the object), all clear outside a
//!   collection;
//! - FTB: the object has a finaliser (`__del__`);
//! - WTB: the weak map has an entry for the object that starts here;
//! - ETB (end table): "an allocated object's last block is this one" (see the `ends`
//!   module for when the bit is set: it may be missing on an object directly followed
//!   by another object's head, never on one followed by a free block). With ATB and
//!   mark it lets the sweep find the free runs without reading live objects' headers.
//!
//! A `Chunk` record is created with its memory and freed with it, only by the heap
//! (in `Heap::drop`, or in the sweep for a dead large object while the world is stopped).

use crate::header::BLOCK_SIZE;
use std::alloc::{Layout, alloc_zeroed, dealloc};
use std::ptr::NonNull;
use weft_core::AtomicBitmap;

/// Bytes in a normal chunk (1 MiB), also the alignment of every chunk.
pub const CHUNK_SIZE: usize = 1 << 20;
/// Blocks in a normal chunk, the header block included.
pub const BLOCKS_PER_CHUNK: usize = CHUNK_SIZE / BLOCK_SIZE;
/// The largest object (in blocks) a normal chunk can hold; bigger ones get a large chunk.
pub const MAX_NORMAL_BLOCKS: usize = BLOCKS_PER_CHUNK - 1;

/// A chunk's record: where its memory is and its side tables.
pub struct Chunk {
    base: usize,
    nblocks: usize,
    large: bool,
    pub(crate) atb: AtomicBitmap,
    pub(crate) mark: AtomicBitmap,
    pub(crate) ftb: AtomicBitmap,
    pub(crate) wtb: AtomicBitmap,
    pub(crate) etb: AtomicBitmap,
}

impl Chunk {
    /// Allocate a zeroed chunk of `nblocks` blocks (header block included) and its
    /// record; write the record's address into block 0. None if the allocator fails.
    pub(crate) fn allocate(nblocks: usize, large: bool) -> Option<NonNull<Chunk>> {
        let layout = Layout::from_size_align(nblocks.checked_mul(BLOCK_SIZE)?, CHUNK_SIZE).ok()?;
        // SAFETY: layout has non-zero size (nblocks >= 2 for every caller).
        let mem = unsafe { alloc_zeroed(layout) };
        if mem.is_null() {
            return None;
        }
        let chunk = Box::new(Chunk {
            base: mem as usize,
            nblocks,
            large,
            atb: AtomicBitmap::new(nblocks),
            mark: AtomicBitmap::new(nblocks),
            ftb: AtomicBitmap::new(nblocks),
            wtb: AtomicBitmap::new(nblocks),
            etb: AtomicBitmap::new(nblocks),
        });
        let rec = NonNull::from(Box::leak(chunk));
        // SAFETY: block 0 of the fresh, CHUNK_SIZE-aligned allocation is ours to write and
        // is aligned for a pointer.
        unsafe { (mem as *mut *const Chunk).write(rec.as_ptr()) };
        Some(rec)
    }

    /// Free the chunk's memory and its record.
    ///
    /// # Safety
    /// `chunk` came from [`Chunk::allocate`], is freed once, and no object in it is used
    /// afterwards (no GcPtr into it survives, no LocalAlloc holds a span of it).
    pub(crate) unsafe fn free(chunk: NonNull<Chunk>) {
        // SAFETY: by the caller's contract the record is ours (Box::leak'ed in allocate).
        let rec = unsafe { Box::from_raw(chunk.as_ptr()) };
        let layout = Layout::from_size_align(rec.nblocks * BLOCK_SIZE, CHUNK_SIZE).unwrap();
        // SAFETY: same pointer and layout as the alloc_zeroed in allocate.
        unsafe { dealloc(rec.base as *mut u8, layout) };
    }

    /// The record of the chunk that holds the object header at `addr`.
    ///
    /// # Safety
    /// `addr` must be the header address of an object allocated in a chunk of a live heap
    /// (see the module doc: then the masked address is the chunk base, whose block 0 holds
    /// the record pointer, and the record lives as long as the chunk).
    #[inline]
    pub(crate) unsafe fn of<'a>(addr: usize) -> &'a Chunk {
        let base = addr & !(CHUNK_SIZE - 1);
        // SAFETY: per the contract, block 0 of the chunk holds a valid record pointer.
        unsafe { &**(base as *const *const Chunk) }
    }

    pub fn base(&self) -> usize {
        self.base
    }

    /// One past the last byte of the chunk's memory.
    pub fn end(&self) -> usize {
        self.base + self.nblocks * BLOCK_SIZE
    }

    /// Blocks in the chunk, the header block included.
    pub fn nblocks(&self) -> usize {
        self.nblocks
    }

    pub fn is_large(&self) -> bool {
        self.large
    }

    /// Bytes usable for objects (all blocks but the header block).
    pub fn usable_bytes(&self) -> usize {
        (self.nblocks - 1) * BLOCK_SIZE
    }

    /// Block index of an address inside this chunk.
    #[inline]
    pub fn block_of(&self, addr: usize) -> usize {
        debug_assert!(addr >= self.base + BLOCK_SIZE && addr < self.end());
        (addr - self.base) / BLOCK_SIZE
    }

    /// Address of block `i`.
    #[inline]
    pub fn addr_of(&self, i: usize) -> usize {
        self.base + i * BLOCK_SIZE
    }

    /// Does this chunk's memory contain `addr` in its object area?
    pub fn contains_addr(&self, addr: usize) -> bool {
        addr >= self.base + BLOCK_SIZE && addr < self.end()
    }
}

/// A run of free blocks `[start, end)` (addresses), inside one normal chunk.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn len_bytes(&self) -> usize {
        self.end - self.start
    }
}

/// Owned handle on a chunk record, kept in the heap's chunk list.
#[derive(Copy, Clone)]
pub(crate) struct ChunkRef(pub(crate) NonNull<Chunk>);

// SAFETY: a Chunk record is only atomics and plain integers; it is shared by design.
unsafe impl Send for ChunkRef {}
// SAFETY: as above.
unsafe impl Sync for ChunkRef {}

impl ChunkRef {
    pub(crate) fn get(&self) -> &Chunk {
        // SAFETY: the heap frees a record only after removing it from its list, with the
        // world stopped; a ChunkRef obtained from the list is valid until then.
        unsafe { self.0.as_ref() }
    }
}
