//! Stop-the-world: thread states and the handshake a collector uses to park every
//! other thread (DESIGN.md invariants 1 and 2; modelled on CPython's free-threaded
//! `stop_the_world`).
//!
//! Every thread that may touch the heap owns a [`ThreadSlot`] registered with the
//! [`World`]. Its state is one of:
//! - [`ATTACHED`]: running; may touch the heap; parks only at its own safepoint polls;
//! - [`DETACHED`]: inside a blocking native call; touches nothing;
//! - [`SUSPENDED`]: parked for (or counted by) a stop-the-world.
//!
//! Invariants:
//! - only the owner moves its slot out of ATTACHED (detach, park); only a stopper moves
//!   a slot DETACHED → SUSPENDED, and only the restart moves SUSPENDED → DETACHED;
//!   transitions that race (attach vs suspend) are single compare-exchanges;
//! - while a stop is in force (the attention word's `STOP` bit set, the stopper past its
//!   wait) no slot but
//!   the stopper's is ATTACHED: an attaching thread finds SUSPENDED and waits for the
//!   restart, and a slot registered during the stop starts SUSPENDED;
//! - the stop request is the `STOP` bit of the attention word (`attention` module),
//!   which the world may share with a heap (its `COLLECT` bit): the safepoint poll is
//!   one relaxed load of that word. `STOP` is raised by the stopper and lowered by the
//!   restart, each one read-modify-write that leaves the other bits alone;
//! - every move out of ATTACHED while a stop is requested notifies `changed` under the
//!   registry lock, so the stopper's wait cannot miss it;
//! - one stop at a time: the `stopper` mutex is held from request to restart, and a
//!   thread waits for it detached (a stopper never waits for a thread that waits for it).

use crate::attention::{Attention, STOP};
use crate::sync::atomic::{AtomicU8, AtomicU64, Ordering::SeqCst};
use crate::sync::{Arc, Condvar, Mutex, MutexGuard};

/// Running Python: may touch the heap.
pub const ATTACHED: u8 = 0;
/// In a blocking call: touches nothing, counts as stopped.
pub const DETACHED: u8 = 1;
/// Parked for a stop-the-world.
pub const SUSPENDED: u8 = 2;

/// One thread's state word.
#[derive(Debug)]
pub struct ThreadSlot {
    state: AtomicU8,
}

impl ThreadSlot {
    /// The current state (for assertions and debugging).
    pub fn state(&self) -> u8 {
        self.state.load(SeqCst)
    }
}

/// The thread registry and the stop-the-world handshake.
#[derive(Debug)]
pub struct World {
    /// `STOP` is raised while a stop is requested or in force; polled (relaxed) by
    /// attached threads.
    attention: Arc<Attention>,
    registry: Mutex<Vec<Arc<ThreadSlot>>>,
    /// Signalled (under the registry lock) when a thread leaves ATTACHED during a stop,
    /// and when the world restarts.
    changed: Condvar,
    /// Held by the stopper from request to restart: one stop at a time.
    stopper: Mutex<()>,
    /// Stops begun so far; lets a waiting requester see that a stop began after it asked.
    stops: AtomicU64,
}

impl Default for World {
    fn default() -> Self {
        World::new()
    }
}

/// Proof that the world is stopped; restarts it when dropped.
pub struct Stopped<'a> {
    world: &'a World,
    _one_at_a_time: MutexGuard<'a, ()>,
}

impl Drop for Stopped<'_> {
    fn drop(&mut self) {
        self.world.restart();
    }
}

impl World {
    pub fn new() -> World {
        World::with_attention(Arc::new(Attention::new()))
    }

    /// A world whose stop requests go into `attention` (shared with a heap, whose
    /// collection requests go there too: one word for the safepoint poll).
    pub fn with_attention(attention: Arc<Attention>) -> World {
        World {
            attention,
            registry: Mutex::new(Vec::new()),
            changed: Condvar::new(),
            stopper: Mutex::new(()),
            stops: AtomicU64::new(0),
        }
    }

    /// The attention word this world's stop requests go into.
    pub fn attention(&self) -> &Arc<Attention> {
        &self.attention
    }

    /// Is a stop requested? (One relaxed load; the poll itself reads the whole word,
    /// [`Attention::pending`].)
    #[inline]
    pub fn stop_requested(&self) -> bool {
        self.attention.is_raised(STOP)
    }

    /// Dekker read of the stop request (see `detach`).
    fn stop_requested_latest(&self) -> bool {
        self.attention.read_latest() & STOP != 0
    }

    /// Number of stops begun so far.
    pub fn stops(&self) -> u64 {
        self.stops.load(SeqCst)
    }

    /// Number of registered threads.
    pub fn thread_count(&self) -> usize {
        self.registry.lock().len()
    }

    /// Register a new thread, DETACHED (or SUSPENDED if a stop is in force): it must
    /// [`attach`](World::attach) before touching the heap.
    pub fn register(&self) -> Arc<ThreadSlot> {
        let mut reg = self.registry.lock();
        let state = if self.stop_requested_latest() {
            SUSPENDED
        } else {
            DETACHED
        };
        let slot = Arc::new(ThreadSlot {
            state: AtomicU8::new(state),
        });
        reg.push(slot.clone());
        slot
    }

    /// Remove a thread that is not ATTACHED (detach it first).
    pub fn unregister(&self, me: &Arc<ThreadSlot>) {
        let mut reg = self.registry.lock();
        debug_assert_ne!(me.state(), ATTACHED, "unregister an attached thread");
        reg.retain(|t| !Arc::ptr_eq(t, me));
        self.changed.notify_all();
    }

    /// DETACHED → ATTACHED, waiting first while a stop holds this thread SUSPENDED.
    pub fn attach(&self, me: &ThreadSlot) {
        #[cfg(weft_broken_stw)]
        {
            // Broken on purpose, for the loom models to catch: attach without
            // waiting for a stop in force.
            me.state.store(ATTACHED, SeqCst);
            return;
        }
        #[allow(unreachable_code)]
        loop {
            if me
                .state
                .compare_exchange(DETACHED, ATTACHED, SeqCst, SeqCst)
                .is_ok()
            {
                return;
            }
            let mut reg = self.registry.lock();
            while me.state.load(SeqCst) == SUSPENDED {
                reg = self.changed.wait(reg);
            }
        }
    }

    /// ATTACHED → DETACHED before a blocking call. The thread touches nothing until it
    /// attaches again.
    pub fn detach(&self, me: &ThreadSlot) {
        me.state.store(DETACHED, SeqCst);
        // Dekker with the stopper (it raises STOP, then reads our state): this read is
        // a read-modify-write so that it sees the latest attention word — either
        // the stopper's scan sees DETACHED or we see its request and wake it.
        if self.stop_requested_latest() {
            let _reg = self.registry.lock();
            self.changed.notify_all();
        }
    }

    /// The slow path of a safepoint poll: if a stop is in force, park until the restart.
    pub fn park(&self, me: &ThreadSlot) {
        let mut reg = self.registry.lock();
        if !self.stop_requested_latest() {
            return;
        }
        me.state.store(SUSPENDED, SeqCst);
        self.changed.notify_all();
        while me.state.load(SeqCst) == SUSPENDED {
            reg = self.changed.wait(reg);
        }
        drop(reg);
        self.attach(me);
    }

    /// Stop every other registered thread. `me` (the caller's slot, ATTACHED, or an
    /// unregistered slot for a non-Python thread) stays attached. Returns None when
    /// another thread began and finished a stop after this call began (the caller's
    /// request is satisfied: it must not collect again). The caller must be at a
    /// safepoint: it is detached while it waits for another stopper.
    pub fn stop_the_world(&self, me: &ThreadSlot) -> Option<Stopped<'_>> {
        let ticket = self.stops.load(SeqCst);
        self.detach(me);
        let one = self.stopper.lock();
        self.attach(me);
        if self.stops.load(SeqCst) != ticket {
            return None;
        }
        self.stops.fetch_add(1, SeqCst);
        self.attention.raise(STOP);
        let mut reg = self.registry.lock();
        while Self::count_attached(&reg, me) > 0 {
            reg = self.changed.wait(reg);
        }
        drop(reg);
        Some(Stopped {
            world: self,
            _one_at_a_time: one,
        })
    }

    /// Suspend every DETACHED thread but `me`; count the ones still ATTACHED.
    fn count_attached(reg: &[Arc<ThreadSlot>], me: &ThreadSlot) -> usize {
        let mut attached = 0;
        for t in reg.iter().filter(|t| !std::ptr::eq(&***t, me)) {
            match t
                .state
                .compare_exchange(DETACHED, SUSPENDED, SeqCst, SeqCst)
            {
                Ok(_) | Err(SUSPENDED) => {}
                Err(_) => attached += 1,
            }
        }
        attached
    }

    /// End the stop: SUSPENDED → DETACHED for all, wake them (they re-attach).
    fn restart(&self) {
        let reg = self.registry.lock();
        self.attention.lower(STOP);
        for t in reg.iter() {
            let _ = t
                .state
                .compare_exchange(SUSPENDED, DETACHED, SeqCst, SeqCst);
        }
        self.changed.notify_all();
    }

    /// A slot for a thread that is not registered (a stopper that runs no Python, such
    /// as a test harness).
    pub fn unregistered_slot() -> ThreadSlot {
        ThreadSlot {
            state: AtomicU8::new(ATTACHED),
        }
    }
}
