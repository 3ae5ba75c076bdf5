//! The protocols behind `async for` and `async with`, with CPython's TypeErrors.
use crate::objects::generator::{GenKind, gen_like};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `GetAiter`: `obj.__aiter__()`, which must have `__anext__`.
    pub fn get_aiter(&mut self, obj: Value) -> PyResult {
        let Some(f) = self.lookup_special(obj, "__aiter__") else {
            let tn = self.type_name(obj);
            return Err(self.type_error(format!(
                "'async for' requires an object with __aiter__ method, got {tn}"
            )));
        };
        let it = self.call(f, &[obj], &[])?;
        if self.lookup_special(it, "__anext__").is_none() {
            let tn = self.type_name(it);
            return Err(self.type_error(format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {tn}"
            )));
        }
        Ok(it)
    }

    /// `GetAnext`: the awaitable of `aiter.__anext__()` (made directly for an async
    /// generator).
    pub fn get_anext(&mut self, aiter: Value) -> PyResult {
        if gen_like(&aiter).is_some_and(|g| g.kind == GenKind::AsyncGenerator) {
            return crate::objects::async_gen::anext_of(self, aiter);
        }
        let Some(f) = self.lookup_special(aiter, "__anext__") else {
            let tn = self.type_name(aiter);
            return Err(self.type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {tn}"
            )));
        };
        let aw = self.call(f, &[aiter], &[])?;
        let r = self.with_root(aw, |vm| crate::objects::coroutine::get_awaitable(vm, aw, 0));
        r.map_err(|e| {
            if !self.err_is(&e, self.rt.types.exc.type_error) {
                return e;
            }
            let tn = self.type_name(aw);
            self.type_error(format!(
                "'async for' received an invalid object from __anext__: {tn}"
            ))
        })
    }

    /// `BeforeAsyncWith`: (bound `__aexit__`, result of `__aenter__()` to await).
    pub fn before_async_with(&mut self, mgr: Value) -> PyResult<(Value, Value)> {
        let (enter, exit) = (
            self.lookup_special(mgr, "__aenter__"),
            self.lookup_special(mgr, "__aexit__"),
        );
        let tn = self.type_name(mgr);
        // CPython 3.14 names the missing method, `__aexit__` first.
        let (enter, exit) = match (enter, exit) {
            (Some(a), Some(b)) => (a, b),
            (_, None) => {
                return Err(self.type_error(format!(
                    "'{tn}' object does not support the asynchronous context manager protocol (missed __aexit__ method)"
                )));
            }
            (None, Some(_)) => {
                return Err(self.type_error(format!(
                    "'{tn}' object does not support the asynchronous context manager protocol (missed __aenter__ method)"
                )));
            }
        };
        let exit = self.getattr_str(mgr, "__aexit__").unwrap_or(exit);
        let r = self.with_root(exit, |vm| vm.call(enter, &[mgr], &[]));
        Ok((exit, r?))
    }
}
