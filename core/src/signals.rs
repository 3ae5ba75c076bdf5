//! Keeping helper threads out of signal delivery.
//!
//! A process-directed signal (Ctrl-C, `os.kill(os.getpid(), ...)`) goes to any thread
//! that does not block it. Python's handlers run on the interpreter's main thread, and
//! `signal.sigwait` only sees a signal that every other thread blocks, so threads that
//! never run Python code (the process's first thread, the collector's workers) block
//! them all.

/// Block every signal in the calling thread (for threads that never run Python code).
pub fn block_all_in_this_thread() {
    // SAFETY: sigfillset initialises the set; pthread_sigmask changes only this
    // thread's mask and reads nothing else.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, std::ptr::null_mut());
    }
}
