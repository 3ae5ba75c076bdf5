//! Temporary roots, tied to scopes.
//!
//! Allocation never collects (DESIGN.md invariant 1), so Rust code may hold a fresh value
//! until its next call that can reach a safepoint (a call into Python, a blocking wait, a
//! poll). A value kept across such a call must be rooted: pushed on the thread's stack of
//! temporary roots (`ThreadRoots::temps`), which the collector scans.
//!
//! Roots are released by scope, never by count: [`Vm::scope`] returns a [`RootScope`] that
//! remembers the stack's height and restores it when dropped, also when an error returns
//! early through `?` or a panic unwinds. The usual shape is the [`root_scope!`] macro,
//! which shadows `vm` with a scope for the rest of the block:
//!
//! ```ignore
//! fn pair(vm: &mut Vm, f: Value) -> PyResult {
//!     weft_vm::root_scope!(vm);
//!     let a = vm.new_list(vec![])?;
//!     vm.root(a);                              // rooted until the function returns
//!     vm.call(f, &[a], &[])?;                  // may collect: `a` survives
//!     vm.new_tuple(vec![a])
//! }
//! ```
//!
//! What this cannot catch at compile time (a value used after a call without being
//! rooted) the collector catches in tests: `-X gc-zeal` collects, with the heap verifier,
//! at every safepoint poll, so such a value is freed and poisoned before its next use.
use crate::value::Value;
use crate::vm::Vm;

/// Restores the thread's temporary-root stack to its height at creation when dropped.
/// Derefs to the `Vm`, so code inside the scope uses it as the `Vm`.
pub struct RootScope<'v> {
    vm: &'v mut Vm,
    mark: usize,
}

impl Vm {
    /// A scope of temporary roots (see the module doc).
    #[inline]
    pub fn scope(&mut self) -> RootScope<'_> {
        let mark = self.roots.temps.len();
        RootScope { vm: self, mark }
    }

    /// Root `v` until the innermost enclosing [`RootScope`] ends; returns `v`.
    #[inline]
    pub fn root(&mut self, v: Value) -> Value {
        self.roots.temps.push(v);
        v
    }

    /// Root every value of `vs` until the innermost enclosing scope ends.
    pub fn root_all(&mut self, vs: &[Value]) {
        self.roots.temps.extend_from_slice(vs);
    }

    /// Root `v` in a slot whose value can be replaced ([`Vm::set_root_slot`]: an
    /// accumulator, a loop's current item) until the innermost enclosing scope ends.
    #[inline]
    pub fn root_slot(&mut self, v: Value) -> RootSlot {
        self.roots.temps.push(v);
        RootSlot(self.roots.temps.len() - 1)
    }

    /// Replace the value rooted in `slot` (of a scope that has not ended).
    #[inline]
    pub fn set_root_slot(&mut self, slot: RootSlot, v: Value) {
        self.roots.temps[slot.0] = v;
    }

    /// Run `f` with `v` rooted (a scope around one call: as cheap as a push and a pop).
    #[inline]
    pub fn with_root<T>(&mut self, v: Value, f: impl FnOnce(&mut Vm) -> T) -> T {
        let mut s = self.scope();
        s.root(v);
        f(&mut s)
    }

    /// Run `f` with every value of `vs` rooted.
    #[inline]
    pub fn with_roots<T>(&mut self, vs: &[Value], f: impl FnOnce(&mut Vm) -> T) -> T {
        let mut s = self.scope();
        s.root_all(vs);
        f(&mut s)
    }

    /// Height of the temporary-root stack (for tests and assertions).
    pub fn roots_len(&self) -> usize {
        self.roots.temps.len()
    }
}

/// A replaceable root of a scope ([`Vm::root_slot`]).
#[derive(Clone, Copy, Debug)]
pub struct RootSlot(usize);

impl Drop for RootScope<'_> {
    #[inline]
    fn drop(&mut self) {
        self.vm.roots.temps.truncate(self.mark);
    }
}

impl std::ops::Deref for RootScope<'_> {
    type Target = Vm;
    #[inline]
    fn deref(&self) -> &Vm {
        self.vm
    }
}

impl std::ops::DerefMut for RootScope<'_> {
    #[inline]
    fn deref_mut(&mut self) -> &mut Vm {
        self.vm
    }
}

/// `root_scope!(vm);` opens a root scope for the rest of the enclosing block and shadows
/// `vm` with it (a `&mut Vm`), so every `vm.root(..)` below lasts until the block ends.
#[macro_export]
macro_rules! root_scope {
    ($vm:ident) => {
        let mut __root_scope = $vm.scope();
        let $vm: &mut $crate::vm::Vm = &mut __root_scope;
    };
}
