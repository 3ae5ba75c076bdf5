//! `_thread.lock` and `_thread.RLock`.
//!
//! A lock is a binary semaphore that any thread may release (CPython's semantics); an
//! RLock has an owner and a recursion count. Both are a parking_lot mutex around a
//! tiny state plus a condition variable. The mutex is held only inside one method and
//! never across a safepoint; a thread that must wait for the lock detaches first
//! (DESIGN.md invariants 2 and 3), so a collection never waits for it.
use super::thread::current_ident;
use parking_lot::{Condvar, Mutex};
use std::time::{Duration, Instant};
use weft_vm::helpers::as_f64;
use weft_vm::native;
use weft_vm::native::This;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// CPython's `_thread.TIMEOUT_MAX` on 64-bit Linux.
pub const TIMEOUT_MAX: f64 = 9223372036.0;

/// The state of a plain lock.
#[derive(Default, weft_vm::trace::Trace)]
pub struct LockData {
    locked: Mutex<bool>,
    freed: Condvar,
}
weft_vm::payload!(LockData, "_thread.lock");

/// The state of a re-entrant lock: (owner ident, recursion count); owner 0 = free.
#[derive(Default, weft_vm::trace::Trace)]
pub struct RLockData {
    state: Mutex<(u64, u64)>,
    freed: Condvar,
}
weft_vm::payload!(RLockData, "_thread.RLock");

impl LockData {
    fn try_acquire(&self) -> bool {
        let mut l = self.locked.lock();
        !std::mem::replace(&mut *l, true)
    }

    /// Wait until the lock is free (or the deadline passes) and take it.
    fn acquire_blocking(&self, deadline: Option<Instant>) -> bool {
        let mut l = self.locked.lock();
        while *l {
            match deadline {
                None => self.freed.wait(&mut l),
                Some(d) => {
                    if self.freed.wait_until(&mut l, d).timed_out() && *l {
                        return false;
                    }
                }
            }
        }
        *l = true;
        true
    }

    /// Release; false if it was not locked.
    pub fn release(&self) -> bool {
        let mut l = self.locked.lock();
        if !*l {
            return false;
        }
        *l = false;
        self.freed.notify_one();
        true
    }

    pub fn is_locked(&self) -> bool {
        *self.locked.lock()
    }
}

impl RLockData {
    fn try_acquire(&self, me: u64) -> bool {
        let mut s = self.state.lock();
        if s.0 == me {
            s.1 += 1;
            true
        } else if s.0 == 0 {
            *s = (me, 1);
            true
        } else {
            false
        }
    }

    fn acquire_blocking(&self, me: u64, deadline: Option<Instant>) -> bool {
        let mut s = self.state.lock();
        while s.0 != 0 && s.0 != me {
            match deadline {
                None => self.freed.wait(&mut s),
                Some(d) => {
                    if self.freed.wait_until(&mut s, d).timed_out() && s.0 != 0 && s.0 != me {
                        return false;
                    }
                }
            }
        }
        if s.0 == me {
            s.1 += 1;
        } else {
            *s = (me, 1);
        }
        true
    }

    /// Release one level; false if `me` does not own it.
    fn release(&self, me: u64) -> bool {
        let mut s = self.state.lock();
        if s.0 != me || s.1 == 0 {
            return false;
        }
        s.1 -= 1;
        if s.1 == 0 {
            s.0 = 0;
            self.freed.notify_one();
        }
        true
    }
}

/// Check `acquire(blocking=True, timeout=-1)` into "may wait" and a deadline.
fn acquire_args(
    vm: &mut Vm,
    blocking: Option<Value>,
    timeout: Option<Value>,
) -> PyResult<(bool, Option<Instant>)> {
    let blocking = match blocking {
        Some(b) => vm.truthy(b)?,
        None => true,
    };
    let timeout = match timeout {
        Some(t) => match as_f64(t) {
            Some(f) => f,
            None => {
                let tn = vm.type_name(t);
                return Err(
                    vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                );
            }
        },
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be positive"));
    }
    if timeout > TIMEOUT_MAX {
        let t = vm.rt.types.exc.overflow_error;
        return Err(vm.new_exception(t, "timeout value is too large"));
    }
    let deadline = (timeout >= 0.0).then(|| Instant::now() + Duration::from_secs_f64(timeout));
    Ok((blocking, deadline))
}

/// lock.acquire(blocking=True, timeout=-1) (also `__enter__`)
#[native(name = "acquire", owner = "_thread.lock")]
pub fn lock_acquire(
    vm: &mut Vm,
    this: &LockData,
    #[kw] blocking: Option<Value>,
    #[kw] timeout: Option<Value>,
) -> PyResult {
    let l = this;
    let (blocking, deadline) = acquire_args(vm, blocking, timeout)?;
    if l.try_acquire() {
        return Ok(Value::TRUE);
    }
    if !blocking || deadline.is_some_and(|d| d <= Instant::now()) {
        return Ok(Value::FALSE);
    }
    // The lock object stays rooted by the caller's frame while we wait detached.
    vm.wait_interruptibly(deadline, |until| l.acquire_blocking(until))
        .map(Value::bool)
}

#[native(name = "release", owner = "_thread.lock")]
pub fn lock_release(vm: &mut Vm, this: This<LockData>) -> PyResult {
    let l = this.data;
    if l.release() {
        Ok(Value::NONE)
    } else {
        Err(vm.runtime_error("release unlocked lock"))
    }
}

#[native(name = "locked", owner = "_thread.lock")]
pub fn lock_locked(_vm: &mut Vm, this: This<LockData>) -> PyResult {
    let l = this.data;
    Ok(Value::bool(l.is_locked()))
}

/// `__exit__(*exc_info)`: release, whatever the arguments.
#[native(name = "__exit__", owner = "_thread.lock")]
pub fn lock_exit(vm: &mut Vm, this: This<LockData>, #[varargs] _exc: &[Value]) -> PyResult {
    (lock_release.f)(vm, &[this.obj], &[])
}

#[native(name = "__repr__", style = slot)]
pub fn lock_repr(vm: &mut Vm, this: This<LockData>) -> PyResult {
    let l = this.data;
    let state = if l.is_locked() { "locked" } else { "unlocked" };
    let s = format!("<{state} _thread.lock object at {}>", super::addr(this.obj));
    vm.new_str(&s)
}

pub fn rlock_new(vm: &mut Vm, cls: Value, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    vm.alloc(cls, RLockData::default())
}

/// RLock.acquire(blocking=True, timeout=-1) (also `__enter__`)
#[native(name = "acquire", owner = "_thread.RLock")]
pub fn rlock_acquire(
    vm: &mut Vm,
    this: &RLockData,
    #[kw] blocking: Option<Value>,
    #[kw] timeout: Option<Value>,
) -> PyResult {
    let l = this;
    let (blocking, deadline) = acquire_args(vm, blocking, timeout)?;
    let me = current_ident();
    if l.try_acquire(me) {
        return Ok(Value::TRUE);
    }
    if !blocking || deadline.is_some_and(|d| d <= Instant::now()) {
        return Ok(Value::FALSE);
    }
    vm.wait_interruptibly(deadline, |until| l.acquire_blocking(me, until))
        .map(Value::bool)
}

#[native(name = "release", owner = "_thread.RLock")]
pub fn rlock_release(vm: &mut Vm, this: This<RLockData>) -> PyResult {
    let l = this.data;
    if l.release(current_ident()) {
        Ok(Value::NONE)
    } else {
        Err(vm.runtime_error("cannot release un-acquired lock"))
    }
}

/// `__exit__(*exc_info)`: release, whatever the arguments.
#[native(name = "__exit__", owner = "_thread.RLock")]
pub fn rlock_exit(vm: &mut Vm, this: This<RLockData>, #[varargs] _exc: &[Value]) -> PyResult {
    (rlock_release.f)(vm, &[this.obj], &[])
}

#[native(name = "_is_owned", owner = "_thread.RLock")]
pub fn rlock_is_owned(_vm: &mut Vm, this: This<RLockData>) -> PyResult {
    let l = this.data;
    let s = *l.state.lock();
    Ok(Value::bool(s.0 == current_ident() && s.1 > 0))
}

#[native(name = "_recursion_count", owner = "_thread.RLock")]
pub fn rlock_recursion_count(vm: &mut Vm, this: This<RLockData>) -> PyResult {
    let l = this.data;
    let s = *l.state.lock();
    let n = if s.0 == current_ident() { s.1 } else { 0 };
    vm.new_int(n as i64)
}

/// `_release_save()`: drop every level (for Condition.wait); returns (count, owner).
#[native(name = "_release_save", owner = "_thread.RLock")]
pub fn rlock_release_save(vm: &mut Vm, this: This<RLockData>) -> PyResult {
    let l = this.data;
    let saved = {
        let mut s = l.state.lock();
        if s.1 == 0 {
            None
        } else {
            let saved = *s;
            *s = (0, 0);
            l.freed.notify_one();
            Some(saved)
        }
    };
    let Some((owner, count)) = saved else {
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    };
    let c = vm.new_int(count as i64)?;
    weft_vm::root_scope!(vm);
    vm.root(c);
    let o = vm.new_int(owner as i64);
    o.and_then(|o| vm.new_tuple(vec![c, o]))
}

/// `_acquire_restore((count, owner))`: take the lock back at the saved depth.
#[native(name = "_acquire_restore", owner = "_thread.RLock")]
pub fn rlock_acquire_restore(vm: &mut Vm, this: &RLockData, saved: Value) -> PyResult {
    let l = this;
    let items = vm.collect_iter(saved)?;
    let count = items.first().and_then(|&c| weft_vm::helpers::as_int(c));
    let Some(count) = count.filter(|&c| c > 0) else {
        return Err(vm.type_error("_acquire_restore() argument must be a (count, owner) pair"));
    };
    let me = current_ident();
    if !l.try_acquire(me) {
        vm.detached(|| l.acquire_blocking(me, None));
    }
    l.state.lock().1 = count as u64;
    Ok(Value::NONE)
}

#[native(name = "__repr__", style = slot)]
pub fn rlock_repr(vm: &mut Vm, this: This<RLockData>) -> PyResult {
    let l = this.data;
    let (owner, count) = *l.state.lock();
    let state = if count > 0 { "locked" } else { "unlocked" };
    let tn = vm.type_name(this.obj);
    let module = if tn == "RLock" { "_thread." } else { "" };
    let s = format!(
        "<{state} {module}{tn} object owner={owner} count={count} at {}>",
        super::addr(this.obj)
    );
    vm.new_str(&s)
}
