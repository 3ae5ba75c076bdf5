//! The heap verifier (`HeapConfig::verify`, `Heap::set_verify`).
//!
//! When the verifier is on, a collection checks the heap's invariants as it goes and
//! stops the process at the first violation with a report on stderr (object address,
//! vtable name, child address, what is wrong), then `std::process::abort()` — or
//! `panic!` with the same text when `HeapConfig::verify_panics` is set (for tests).
//!
//! What is checked, and when:
//! - at the start of a collection, and again just before the sweep: the side tables and
//!   the weak map agree (a WTB bit is set iff the map has a non-empty entry for the object
//!   starting there; every key and every registered weak reference is an allocated object
//!   start; FTB bits are only on object starts), and the end table agrees with the
//!   headers (an ETB bit only on an object's last block, always on one followed by a free
//!   block; objects do not overlap); before the sweep also: every remaining entry's
//!   referent and weak references are marked;
//! - during marking: every pointer a root callback or a trace function reports is the
//!   start of an allocated object (ATB head bit) — a pointer into a free block, into the
//!   middle of an object or outside the heap is caught before the marker touches it;
//! - after marking from the roots, and again after finaliser resurrection: every child
//!   of every marked object is marked (the mark set is closed: the marker lost no work),
//!   and every mark bit sits on an object start;
//! - the sweep fills the blocks of every freed object with [`POISON`] after its `drop`,
//!   and fresh chunks are poisoned when they are created. Once every free block of the
//!   heap is known to hold the pattern (from creation with `verify` on, or after the
//!   first sweep with the verifier on, which poisons every free span), `Heap::alloc`
//!   checks that the blocks it hands out still hold it: a write through a dangling
//!   pointer into freed memory is reported at the next allocation of that memory.
//!
//! The verifier costs two extra traversals of the live objects per collection, a binary
//! search per traced pointer, and a read of every allocated block; it is a debugging mode.

use crate::chunk::{Chunk, ChunkRef};
use crate::header::{BLOCK_SIZE, GcHeader, GcPtr};
use crate::heap::Heap;
use crate::mark::{Tracer, is_marked};
use std::io::Write;

/// The byte that fills freed blocks when the verifier is on (and in debug builds).
pub const POISON: u8 = 0xDB;
pub(crate) const POISON_WORD: u64 = u64::from_ne_bytes([POISON; 8]);

/// Report a violation and stop: abort the process, or panic when `panics` (tests).
#[cold]
#[inline(never)]
pub(crate) fn violation(panics: bool, msg: &str) -> ! {
    let text = format!("weft-gc: heap verification failed: {msg}");
    if panics {
        panic!("{text}");
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
    let _ = writeln!(err, "weft-gc: aborting");
    let _ = err.flush();
    std::process::abort()
}

/// `0x...(Name)` for a valid object.
pub(crate) fn describe(p: GcPtr) -> String {
    format!("{:#x} ({})", p.addr(), p.vtable().name)
}

/// A snapshot of the heap's chunks for one collection (the world is stopped: no chunk
/// comes or goes until the sweep, which runs after the last check).
pub(crate) struct Verifier {
    chunks: Vec<ChunkRef>,
    pub(crate) panics: bool,
}

impl Verifier {
    pub(crate) fn new(heap: &Heap) -> Verifier {
        Verifier {
            chunks: heap.chunks.read().clone(),
            panics: heap.verify_panics,
        }
    }

    pub(crate) fn fail(&self, msg: &str) -> ! {
        violation(self.panics, msg)
    }

    /// The chunk whose object area holds `addr`.
    fn chunk_at(&self, addr: usize) -> Option<&Chunk> {
        let i = self.chunks.partition_point(|c| c.get().base() <= addr);
        let c = self.chunks.get(i.checked_sub(1)?)?.get();
        (addr >= c.base() && addr < c.end()).then_some(c)
    }

    /// Why `addr` is not the header of an allocated object, or None if it is.
    pub(crate) fn bad_object(&self, addr: usize) -> Option<String> {
        if !addr.is_multiple_of(BLOCK_SIZE) {
            return Some(format!(
                "{addr:#x} is not {BLOCK_SIZE}-byte aligned, so not an object"
            ));
        }
        let Some(c) = self.chunk_at(addr) else {
            return Some(format!("{addr:#x} is outside every heap chunk"));
        };
        if !c.contains_addr(addr) {
            return Some(format!(
                "{addr:#x} is the header block of chunk {:#x}, not an object",
                c.base()
            ));
        }
        let i = c.block_of(addr);
        if c.atb.get(i) {
            return None;
        }
        // Find the object that covers block i, if any (slow path: reports only).
        let mut from = 1;
        while let Some(h) = c.atb.next_set(from) {
            if h > i {
                break;
            }
            // SAFETY: an ATB head bit marks a fully written, unfreed header.
            let p = unsafe { GcPtr::from_raw(c.addr_of(h) as *mut GcHeader) };
            let end = h + p.blocks() as usize;
            if i < end {
                return Some(format!(
                    "{addr:#x} points inside object {} ({} blocks), at offset +{}",
                    describe(p),
                    p.blocks(),
                    addr - p.addr()
                ));
            }
            from = end;
        }
        Some(format!(
            "{addr:#x} is a free block (chunk {:#x}, block {i}): its object was freed, or \
             none was ever allocated there",
            c.base()
        ))
    }

    /// A pointer reported while marking (`parent`: the object being traced, None for
    /// the root callback) must be an object start.
    pub(crate) fn check_pointer(&self, parent: Option<GcPtr>, p: GcPtr) {
        if let Some(why) = self.bad_object(p.addr()) {
            match parent {
                Some(o) => self.fail(&format!(
                    "object {} reports child {:#x}: {why}",
                    describe(o),
                    p.addr()
                )),
                None => self.fail(&format!("the root callback reports {:#x}: {why}", p.addr())),
            }
        }
    }

    /// The closure check: `p` (already validated) reported by `parent` must be marked.
    pub(crate) fn check_marked_child(&self, parent: Option<GcPtr>, p: GcPtr) {
        // SAFETY: check_pointer just found `p` to be an allocated object start.
        if !unsafe { is_marked(p) } {
            let who = parent.map_or_else(|| "a root".to_string(), describe);
            self.fail(&format!(
                "object {who} is marked but its child {} is not: the marker lost work \
                 (or the trace function is not deterministic)",
                describe(p)
            ));
        }
    }

    /// Every child of every marked object is marked; every mark bit is on an object
    /// start. Returns the number of marked objects checked.
    pub(crate) fn check_closure(&self) -> usize {
        let mut t = Tracer::new_checker(self);
        let mut n = 0;
        for c in &self.chunks {
            let c = c.get();
            for i in c.mark.iter_set(1..c.nblocks()) {
                if !c.atb.get(i) {
                    self.fail(&format!(
                        "mark bit set on block {i} of chunk {:#x} ({:#x}), which does not \
                         start an object",
                        c.base(),
                        c.addr_of(i)
                    ));
                }
                // SAFETY: an ATB head bit marks a fully written, unfreed header.
                let p = unsafe { GcPtr::from_raw(c.addr_of(i) as *mut GcHeader) };
                t.trace_object(p);
                n += 1;
            }
        }
        n
    }

    /// The side tables agree with the weak map (module doc). With `after_marking`, also
    /// every referent with an entry and every registered weak reference is marked
    /// (weak processing has removed the rest).
    pub(crate) fn check_side_tables(&self, heap: &Heap, after_marking: bool) {
        let mut err: Option<String> = None;
        // Collect the first problem under the shard lock, report after releasing it.
        heap.weak.for_each_shard(|m| {
            if err.is_some() {
                return;
            }
            for (&addr, list) in m.iter() {
                if let Some(why) = self.bad_object(addr) {
                    err = Some(format!("weak map key (a referent): {why}"));
                    return;
                }
                // SAFETY: just checked: an allocated object start.
                let r = unsafe { GcPtr::from_raw(addr as *mut GcHeader) };
                // SAFETY: as above.
                let c = unsafe { Chunk::of(addr) };
                if !c.wtb.get(c.block_of(addr)) {
                    err = Some(format!(
                        "the weak map has an entry for {} but its WTB bit is clear",
                        describe(r)
                    ));
                    return;
                }
                if list.is_empty() {
                    err = Some(format!(
                        "the weak map entry for {} is empty (it should have been removed \
                         and the WTB bit cleared)",
                        describe(r)
                    ));
                    return;
                }
                // SAFETY: as above.
                if after_marking && !unsafe { is_marked(r) } {
                    err = Some(format!(
                        "the weak map entry for the unmarked referent {} survived weak \
                         processing",
                        describe(r)
                    ));
                    return;
                }
                for &w in list {
                    if let Some(why) = self.bad_object(w.addr()) {
                        err = Some(format!(
                            "weak reference registered for {}: {why}",
                            describe(r)
                        ));
                        return;
                    }
                    // SAFETY: just checked: an allocated object start.
                    if after_marking && !unsafe { is_marked(w) } {
                        err = Some(format!(
                            "the unmarked weak reference {} is still registered for {} \
                             after weak processing",
                            describe(w),
                            describe(r)
                        ));
                        return;
                    }
                }
            }
        });
        if let Some(e) = err {
            self.fail(&e);
        }
        for c in &self.chunks {
            let c = c.get();
            for i in c.wtb.iter_set(1..c.nblocks()) {
                let addr = c.addr_of(i);
                if !c.atb.get(i) {
                    self.fail(&format!(
                        "WTB bit set on block {i} of chunk {:#x} ({addr:#x}), which does \
                         not start an object",
                        c.base()
                    ));
                }
                if !heap.weak.with_shard(&addr, |m| m.contains_key(&addr)) {
                    // SAFETY: ATB head bit: an allocated object start.
                    let p = unsafe { GcPtr::from_raw(addr as *mut GcHeader) };
                    self.fail(&format!(
                        "{} has its WTB bit set but no weak map entry",
                        describe(p)
                    ));
                }
            }
            self.check_end_table(c);
            for i in c.ftb.iter_set(1..c.nblocks()) {
                if !c.atb.get(i) {
                    self.fail(&format!(
                        "FTB bit set on block {i} of chunk {:#x} ({:#x}), which does not \
                         start an object",
                        c.base(),
                        c.addr_of(i)
                    ));
                }
            }
        }
    }
}

impl Verifier {
    /// The end table agrees with the objects' headers (`ends` module invariant): no
    /// end bit in a free block or inside an object but on its last block; an object
    /// followed by a free block has its end bit; objects do not overlap.
    fn check_end_table(&self, c: &Chunk) {
        let n = c.nblocks();
        let mut free_from = 1;
        let mut from = 1;
        while let Some(h) = c.atb.next_set(from) {
            self.check_no_end_bit(c, free_from..h, "in a free block");
            // SAFETY: an ATB head bit marks a fully written, unfreed header.
            let p = unsafe { GcPtr::from_raw(c.addr_of(h) as *mut GcHeader) };
            let end = h + p.blocks() as usize;
            let next = c.atb.next_set(h + 1).unwrap_or(n);
            if end > next {
                self.fail(&format!(
                    "object {} ({} blocks) overlaps the object at block {next} of chunk {:#x}",
                    describe(p),
                    p.blocks(),
                    c.base()
                ));
            }
            self.check_no_end_bit(c, h..end - 1, "inside an object");
            if end < next && !c.etb.get(end - 1) {
                self.fail(&format!(
                    "object {} is followed by a free block but has no end bit (ETB) on \
                     its last block",
                    describe(p)
                ));
            }
            free_from = end;
            from = end.max(h + 1);
        }
        self.check_no_end_bit(c, free_from..n, "in a free block");
    }

    fn check_no_end_bit(&self, c: &Chunk, blocks: std::ops::Range<usize>, where_: &str) {
        if let Some(i) = c.etb.iter_set(blocks).next() {
            self.fail(&format!(
                "end bit (ETB) set {where_}: block {i} of chunk {:#x} ({:#x}) is not the \
                 last block of an allocated object",
                c.base(),
                c.addr_of(i)
            ));
        }
    }
}

/// `[addr, addr + size)` is about to be handed out by `Heap::alloc` and must still hold
/// the poison pattern. Reports (and stops) if not.
pub(crate) fn check_poison(panics: bool, addr: usize, size: usize) {
    // SAFETY: the range is free memory owned by the allocating call (see Heap::alloc),
    // 16-byte aligned and a whole number of blocks, so readable as u64 words; nobody may
    // write it concurrently (that would itself be the bug we look for, and we only read).
    let words = unsafe { std::slice::from_raw_parts(addr as *const u64, size / 8) };
    if let Some(k) = words.iter().position(|&w| w != POISON_WORD) {
        let off = k * 8;
        let bytes = words[k].to_ne_bytes();
        let block = addr + off / BLOCK_SIZE * BLOCK_SIZE;
        violation(
            panics,
            &format!(
                "free memory was written after it was freed: block {block:#x} (byte \
                 {:#x}) handed out by alloc for {addr:#x} ({size} bytes) holds \
                 {bytes:02x?} instead of the poison byte {POISON:#04x}; a dangling \
                 pointer to a dead object was written through (a missing root or a \
                 trace function that misses a child)",
                addr + off
            ),
        );
    }
}
