//! `gc.get_objects`, `gc.get_referents`, `gc.get_referrers`: questions answered by
//! walking the heap or tracing objects, with the world stopped.
//!
//! DESIGN.md's rules: heap walks and traces happen only while every other thread is
//! stopped (trace functions read payloads without their locks), and no lock is held
//! across a safepoint. While stopped, the walk only gathers raw pointers into a Rust
//! vector (no allocation on the heap); the result list is made after the world
//! restarts. The gathered objects stay valid until then: a collection needs this
//! thread at a safepoint, and it reaches none before the list holds them.
//!
//! Differences from CPython, which the tests avoid: weft's small ints and floats are
//! not heap objects, so no trace reports them (`get_referents([1])` is empty); and the
//! collector has no generations, so `get_objects(generation)` gives every object.
use weft_gc::{GcPtr, Heap, Tracer};
use weft_vm::helpers::{arg_count, as_int, kwarg};
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// Run `f` with every other thread stopped. The caller is at a safepoint (everything
/// it holds is rooted): `stop_the_world` may wait for another thread's stop.
fn stopped<R>(vm: &mut Vm, f: impl FnOnce(&Vm, &Heap) -> R) -> R {
    let rt = vm.rt.clone();
    // This thread's allocation run goes into the heap's tables, as before a collection.
    vm.alloc.retire(&rt.heap);
    let slot = vm.slot.clone();
    let stop = loop {
        if let Some(s) = rt.world.stop_the_world(&slot) {
            break s;
        }
    };
    let r = f(vm, &rt.heap);
    drop(stop);
    r
}

/// Whether CPython's collector would track `v`'s kind: containers yes, atoms
/// (str, bytes, int, float, complex, bool) no.
pub(super) fn tracked(vm: &Vm, v: Value) -> bool {
    let t = vm.type_of(v);
    let ts = &vm.rt.types;
    !(t.is_null()
        || t == ts.str
        || t == ts.bytes
        || t == ts.int
        || t == ts.float
        || t == ts.complex
        || t == ts.bool_)
}

/// What `p` refers to as CPython's `tp_traverse` reports it: its payload's values,
/// and its type only when that is a class made by a `class` statement.
///
/// # Safety
/// The world is stopped and `p` is a live object.
unsafe fn referents(vm: &Vm, p: GcPtr) -> Vec<GcPtr> {
    // SAFETY: caller's contract.
    let mut r = unsafe { Tracer::referents_of(p) };
    // The object's trace reports its type first (`trace_thunk`).
    let ty = vm.type_of(Value::from_gc(p));
    if !ty.is_null()
        && r.first().map(|&q| Value::from_gc(q)) == Some(ty)
        && !weft_vm::types::type_data(&ty).is_user
    {
        r.remove(0);
    }
    r
}

/// `gc.get_objects(generation=None)`.
pub fn get_objects(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "get_objects", args, 0, 1)?;
    let generation = args.first().copied().or_else(|| kwarg(kw, "generation"));
    if let Some(g) = generation.filter(|g| !g.is_none()) {
        // CPython: a negative generation means all of them.
        match as_int(g) {
            Some(n) if n <= 2 => {}
            Some(_) => {
                return Err(vm.value_error(
                    "generation parameter must be less than the number of available generations (3)",
                ));
            }
            None => {
                let t = vm.type_name(g);
                return Err(vm.type_error(format!("argument should be integer or None, not '{t}'")));
            }
        }
    }
    let found = stopped(vm, |vm, heap| {
        let mut out = Vec::new();
        heap.for_each_object(|p| {
            let v = Value::from_gc(p);
            if tracked(vm, v) {
                out.push(v);
            }
        });
        out
    });
    vm.new_list(found)
}

/// `gc.get_referents(*objs)`: what each object refers to, in order.
pub fn get_referents(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    weft_vm::helpers::no_kwargs(vm, "get_referents", kw)?;
    let found = stopped(vm, |vm, _| {
        let mut out = Vec::new();
        for &a in args {
            if let Some(p) = a.as_gc().filter(|_| tracked(vm, a)) {
                // SAFETY: the world is stopped; `a` is a live argument.
                out.extend(unsafe { referents(vm, p) }.into_iter().map(Value::from_gc));
            }
        }
        out
    });
    vm.new_list(found)
}

/// `gc.get_referrers(*objs)`: every tracked object that refers to one of `objs`.
pub fn get_referrers(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    weft_vm::helpers::no_kwargs(vm, "get_referrers", kw)?;
    let targets: std::collections::HashSet<usize> = args
        .iter()
        .filter_map(|a| a.as_gc())
        .map(|p| p.addr())
        .collect();
    if targets.is_empty() {
        return vm.new_list(Vec::new());
    }
    let found = stopped(vm, |vm, heap| {
        let mut out = Vec::new();
        heap.for_each_object(|p| {
            let v = Value::from_gc(p);
            // SAFETY: the world is stopped; the walk gives live objects.
            if tracked(vm, v)
                && unsafe { referents(vm, p) }
                    .iter()
                    .any(|q| targets.contains(&q.addr()))
            {
                out.push(v);
            }
        });
        out
    });
    vm.new_list(found)
}
