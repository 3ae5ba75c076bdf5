//! OS signals reaching Python handlers, as CPython does it: the C-level handler only
//! records the signal; the main thread runs the Python handler at its next safepoint.
//!
//! - [`note_signal`] (async-signal-safe: two atomic read-modify-writes, no lock, no
//!   allocation) sets the signal's bit in [`PENDING`] and raises the SIGNAL bit of the
//!   runtime's attention word, so every attached thread's next poll takes its slow path.
//! - The main thread's poll ([`Vm::handle_signals`], called by the interpreter where it
//!   polls, and by blocking waits between slices) lowers the SIGNAL bit, takes the
//!   pending set and runs each handler in signal-number order through the runtime's
//!   dispatcher (the `_signal` module installs it; without one, SIGINT raises
//!   KeyboardInterrupt). An exception from a handler propagates from that point of the
//!   program, as in CPython. Other threads see the bit but leave it to the main thread.
//!
//! Lowering the bit before taking the set means a signal arriving meanwhile raises it
//! again: no signal is lost, at worst one poll finds an empty set.
use crate::vm::{PyResult, Vm};
use std::sync::atomic::Ordering::{AcqRel, Acquire, Release};
use std::sync::atomic::{AtomicPtr, AtomicU64};
use weft_core::Attention;
use weft_core::attention::SIGNAL;

/// Signals (bit n = signal n, n < 64) whose Python handler has not run yet.
pub static PENDING: AtomicU64 = AtomicU64::new(0);

/// The attention word of the runtime (set once it exists; read by the C handler).
static ATTENTION: AtomicPtr<Attention> = AtomicPtr::new(std::ptr::null_mut());

/// Runs the Python handler of one signal (installed by the runtime's `_signal`).
pub type Dispatch = fn(&mut Vm, i32) -> PyResult<()>;

/// Make `a` the word [`note_signal`] raises. The runtime keeps it alive for the process
/// (the `weft` command never drops it).
pub fn set_attention(a: &std::sync::Arc<Attention>) {
    ATTENTION.store(std::sync::Arc::as_ptr(a) as *mut Attention, Release);
}

/// Record that signal `sig` arrived. Async-signal-safe.
pub fn note_signal(sig: i32) {
    if !(0..64).contains(&sig) {
        return;
    }
    PENDING.fetch_or(1 << sig, AcqRel);
    let a = ATTENTION.load(Acquire);
    if !a.is_null() {
        // SAFETY: the attention word set by `set_attention` lives as long as the process.
        unsafe { (*a).raise(SIGNAL) };
    }
}

impl Vm {
    /// Run the Python handlers of the signals that arrived, if this is the main thread
    /// (module doc). Cheap when none did: one relaxed load.
    #[inline]
    pub fn handle_signals(&mut self) -> PyResult<()> {
        if self.memory_error_pending {
            self.memory_error_pending = false;
            // A fresh one when it can be had: the preallocated one keeps its traceback
            // (and with it the frames holding the memory) until its next raise.
            let t = self.rt.types.exc.memory_error;
            return Err(match crate::exceptions::make_exception(self, t, &[]) {
                Ok(e) => crate::vm::PyErr(e),
                Err(_) => self.memory_error(),
            });
        }
        if !self.is_main_thread || !self.attention.is_raised(SIGNAL) {
            return Ok(());
        }
        self.run_signal_handlers()
    }

    #[cold]
    fn run_signal_handlers(&mut self) -> PyResult<()> {
        self.attention.lower(SIGNAL);
        let mut set = PENDING.swap(0, AcqRel);
        while set != 0 {
            let sig = set.trailing_zeros() as i32;
            set &= set - 1;
            let dispatch = *self.rt.signal_dispatch.lock();
            let r = match dispatch {
                Some(d) => d(self, sig),
                None if sig == libc_sigint() => Err(self.keyboard_interrupt()),
                None => Ok(()),
            };
            if let Err(e) = r {
                // The rest wait for the next poll (as CPython, one exception at a time).
                if set != 0 {
                    PENDING.fetch_or(set, AcqRel);
                    self.attention.raise(SIGNAL);
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// A fresh KeyboardInterrupt (what SIGINT's default Python handler raises).
    pub fn keyboard_interrupt(&mut self) -> crate::vm::PyErr {
        let t = self.rt.types.exc.keyboard_interrupt;
        match crate::exceptions::make_exception(self, t, &[]) {
            Ok(e) => crate::vm::PyErr(e),
            Err(e) => e,
        }
    }
}

/// SIGINT's number (2 on every platform weft runs on).
pub const fn libc_sigint() -> i32 {
    2
}

/// How long the main thread blocks at a time before it looks for signals.
const SLICE: std::time::Duration = std::time::Duration::from_millis(20);

impl Vm {
    /// Sleep for `d`, detached (a collection may run meanwhile); the main thread wakes
    /// every [`SLICE`] to run signal handlers, whose exception ends the sleep.
    pub fn sleep_interruptibly(&mut self, d: std::time::Duration) -> PyResult<()> {
        let end = std::time::Instant::now() + d;
        loop {
            let now = std::time::Instant::now();
            if now >= end {
                return Ok(());
            }
            let step = if self.is_main_thread {
                (end - now).min(SLICE)
            } else {
                end - now
            };
            self.detached(|| std::thread::sleep(step));
            self.handle_signals()?;
        }
    }

    /// Block detached until `attempt(until)` succeeds (it waits at most until `until`
    /// and says whether it got what it waited for) or `deadline` passes (false). The
    /// main thread waits in slices and runs signal handlers between them.
    pub fn wait_interruptibly(
        &mut self,
        deadline: Option<std::time::Instant>,
        attempt: impl Fn(Option<std::time::Instant>) -> bool,
    ) -> PyResult<bool> {
        if !self.is_main_thread {
            return Ok(self.detached(|| attempt(deadline)));
        }
        loop {
            let slice = std::time::Instant::now() + SLICE;
            let until = deadline.map_or(slice, |d| d.min(slice));
            if self.detached(|| attempt(Some(until))) {
                return Ok(true);
            }
            self.handle_signals()?;
            if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                return Ok(false);
            }
        }
    }
}
