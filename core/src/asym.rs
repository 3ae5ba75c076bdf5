//! Asymmetric fences: a cheap `light` fence on a hot path paired with an expensive
//! `heavy` one on a rare path, together as strong as a full fence on both sides.
//!
//! The pattern they serve is Dekker's: thread A stores x then loads y, thread B stores
//! y then loads x, and at least one of them must see the other's store. That needs a
//! store-load fence on both sides (on x86 a locked instruction or `mfence`). With
//! `membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED)` the rare side makes every running
//! thread of the process execute a full barrier (an interrupt), so the common side
//! needs only a compiler fence: the kernel's barrier lands, in each thread's program
//! order, either before its store (then its load sees B's store, made before the
//! membarrier call) or after its load (then its store is visible to B once
//! membarrier returns). Folly's `asymmetric_thread_fence_*`, liburcu and .NET's
//! `FlushProcessWriteBuffers` rest on the same kernel guarantee.
//!
//! Use: call [`init`] once at start-up; then `light()` on the hot side and `heavy()` on
//! the rare side. When membarrier is unavailable (old kernel, seccomp, not Linux)
//! `init` returns false and both fall back to a full `fence(SeqCst)`: correct, but the
//! hot side then pays for a real fence (callers may prefer another path then: see
//! [`cheap`]). Under loom both are `fence(SeqCst)`, which is what they guarantee together.
use crate::sync::atomic::Ordering;
// A std atomic even under loom: set once at start-up, not part of what the models check.
use std::sync::atomic::AtomicBool;

/// membarrier is registered: `light` may be a compiler fence.
static REGISTERED: AtomicBool = AtomicBool::new(false);

/// Register this process for expedited membarriers. Idempotent; returns whether the
/// light side is now a plain compiler fence.
#[cfg(all(target_os = "linux", not(loom)))]
pub fn init() -> bool {
    if REGISTERED.load(Ordering::Relaxed) {
        return true;
    }
    const QUERY: libc::c_int = 0;
    const PRIVATE_EXPEDITED: libc::c_int = 1 << 3;
    const REGISTER_PRIVATE_EXPEDITED: libc::c_int = 1 << 4;
    // SAFETY: membarrier takes (cmd, flags, cpu_id) integers and touches no memory of ours.
    let supported = unsafe { libc::syscall(libc::SYS_membarrier, QUERY, 0, 0) };
    if supported < 0 || supported as libc::c_int & PRIVATE_EXPEDITED == 0 {
        return false;
    }
    // SAFETY: as above.
    let r = unsafe { libc::syscall(libc::SYS_membarrier, REGISTER_PRIVATE_EXPEDITED, 0, 0) };
    let ok = r == 0;
    REGISTERED.store(ok, Ordering::Relaxed);
    ok
}

#[cfg(not(all(target_os = "linux", not(loom))))]
pub fn init() -> bool {
    let _ = &REGISTERED;
    false
}

/// Is `light` a compiler fence only (membarrier registered)?
#[inline]
pub fn cheap() -> bool {
    REGISTERED.load(Ordering::Relaxed)
}

/// The hot side: orders this thread's earlier stores before its later loads, as seen
/// by a thread that runs `heavy`.
#[inline(always)]
pub fn light() {
    #[cfg(not(loom))]
    if cheap() {
        std::sync::atomic::compiler_fence(Ordering::SeqCst);
        return;
    }
    crate::sync::atomic::fence(Ordering::SeqCst);
}

/// The rare side: after it returns, every other thread has passed a full barrier
/// (module doc). Costs a system call and an interrupt per CPU running this process.
pub fn heavy() {
    #[cfg(all(target_os = "linux", not(loom)))]
    if cheap() {
        const PRIVATE_EXPEDITED: libc::c_int = 1 << 3;
        // SAFETY: as in `init`; registered, so this cannot fail with EPERM.
        let r = unsafe { libc::syscall(libc::SYS_membarrier, PRIVATE_EXPEDITED, 0, 0) };
        if r == 0 {
            return;
        }
        // Should not happen once registered: never leave the light side unpaired.
        panic!("membarrier failed after registration");
    }
    crate::sync::atomic::fence(Ordering::SeqCst);
}
