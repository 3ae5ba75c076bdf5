//! The `weft` command: `weft script.py`, `weft -c CODE`, `weft -m mod`, `weft -`, REPL.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let code = weft_runtime::run_main(args);
    std::process::exit(code);
}

// The interpreter thread is not the process's main thread, so glibc's malloc serves it
// from a secondary arena, which grows and shrinks its heap with one `mprotect` call per
// step (50,000 calls in a short big-integer program) and takes the arena lock when its
// per-thread cache misses. mimalloc keeps per-thread heaps with no lock on the fast path.
#[global_allocator]
static GLOBAL: Allocator = Allocator;

/// mimalloc, refusing any single block larger than the machine's memory and swap.
///
/// mimalloc maps huge blocks with `MAP_NORESERVE`, so a request no machine could back
/// (`[0] * 10**12`) would succeed and then fault page by page for hours; glibc's malloc
/// refuses it at once (the kernel's overcommit heuristic), and weft turns a refused
/// `try_reserve` into MemoryError. This keeps that behaviour.
struct Allocator;

/// RAM plus swap in bytes (computed once; 0 = not yet).
static MEMORY: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn too_large(size: usize) -> bool {
    use std::sync::atomic::Ordering::Relaxed;
    if size < 1 << 30 {
        return false;
    }
    let mut m = MEMORY.load(Relaxed);
    if m == 0 {
        // SAFETY: sysinfo writes the struct it is given and allocates nothing.
        let mut info: libc::sysinfo = unsafe { std::mem::zeroed() };
        m = if unsafe { libc::sysinfo(&mut info) } == 0 {
            let unit = info.mem_unit.max(1) as usize;
            (info.totalram as usize + info.totalswap as usize).saturating_mul(unit)
        } else {
            usize::MAX
        };
        MEMORY.store(m, Relaxed);
    }
    size > m
}

/// Count a successful allocation toward the collector's payload bytes
/// (`weft_gc::external`: they request collections and count against `-X heapsize`).
#[inline]
fn counted_alloc(p: *mut u8, size: usize, align: usize) -> *mut u8 {
    if !p.is_null() && weft_gc::external::counted(size, align) {
        weft_gc::external::on_alloc(size);
    }
    p
}

#[inline]
fn counted_free(size: usize, align: usize) {
    if weft_gc::external::counted(size, align) {
        weft_gc::external::on_free(size);
    }
}

/// mimalloc's plain entry points return blocks aligned to at least a word (its smallest
/// size class is one word and every class is a whole number of words; 16 is not
/// guaranteed: there are 24-byte blocks). The `mimalloc` crate calls the `_aligned`
/// entry points for every request, and those go to an over-allocating slow path whenever
/// the thread's page of that size class is empty or the block is over 1 KiB (measured:
/// about 250 instructions per generator frame instead of about 40).
const WORD_ALIGN: usize = std::mem::size_of::<usize>();

#[inline]
fn plain(align: usize) -> bool {
    align <= WORD_ALIGN
}

// SAFETY: every call is forwarded to mimalloc (its plain entry points when the alignment
// is one they guarantee, see `plain`), or refused with null, which the GlobalAlloc
// contract allows for any request; the counting touches only atomics.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if too_large(layout.size()) {
            return std::ptr::null_mut();
        }
        let p = if plain(layout.align()) {
            // SAFETY: any size may be asked of mi_malloc; the alignment is guaranteed.
            unsafe { libmimalloc_sys::mi_malloc(layout.size()) as *mut u8 }
        } else {
            // SAFETY: forwarded with the caller's guarantees.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        };
        counted_alloc(p, layout.size(), layout.align())
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if too_large(layout.size()) {
            return std::ptr::null_mut();
        }
        let p = if plain(layout.align()) {
            // SAFETY: as in `alloc`.
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()) as *mut u8 }
        } else {
            // SAFETY: forwarded with the caller's guarantees.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        };
        counted_alloc(p, layout.size(), layout.align())
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        counted_free(layout.size(), layout.align());
        // SAFETY: ptr came from mimalloc (either entry point); mi_free takes both.
        unsafe { libmimalloc_sys::mi_free(ptr as *mut std::ffi::c_void) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if too_large(new_size) {
            return std::ptr::null_mut();
        }
        let p = if plain(layout.align()) {
            // SAFETY: ptr came from mimalloc; the new block keeps the guaranteed alignment.
            unsafe {
                libmimalloc_sys::mi_realloc(ptr as *mut std::ffi::c_void, new_size) as *mut u8
            }
        } else {
            // SAFETY: forwarded with the caller's guarantees.
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        };
        if !p.is_null() {
            // The old block is gone only when the new one was made.
            counted_free(layout.size(), layout.align());
        }
        counted_alloc(p, new_size, layout.align())
    }
}
