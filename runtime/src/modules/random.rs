//! `_random`: the `Random` type under CPython's `random` module (`Lib/random.py` subclasses
//! it). A Mersenne Twister (`mt19937.rs`) seeded exactly as CPython seeds it, so a given
//! seed gives CPython's numbers.
//!
//! One generator may be shared by many threads (the `random` module's functions all use
//! one instance), so its state sits behind a mutex taken once per call; no Python code
//! runs while it is held.
use super::mt19937::{Mt, N};
use super::{add_methods, new_native_module, new_native_type, set_item};
use num_bigint::{BigInt, BigUint, Sign};
use parking_lot::Mutex;
use weft_vm::helpers::{as_bigint, as_int, unwrap_base, wrap_for_subclass};
use weft_vm::native;
use weft_vm::native::This;
use weft_vm::objects::builtin_fn::NativeFn;
use weft_vm::objects::int::IntData;
use weft_vm::objects::tuple::TupleData;
use weft_vm::ops::containers::as_index;
use weft_vm::types::type_data;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

// SAFETY: the generator's state is plain words; it holds no Value.
unsafe impl weft_vm::trace::Trace for Mt {
    fn trace(&self, _: &mut weft_gc::Tracer) {}
}

#[derive(weft_vm::trace::Trace)]
pub struct RandomData {
    mt: Mutex<Box<Mt>>,
}
weft_vm::payload!(RandomData, "_random.Random");

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "_random", &[])?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let r = (|| {
        let t = new_native_type(vm, "Random", "_random")?;
        vm.set_new(t, random_new);
        let methods: &[(&'static str, NativeFn)] = &[
            ("seed", random_seed.f),
            ("random", random_random.f),
            ("getrandbits", random_getrandbits.f),
            ("getstate", random_getstate.f),
            ("setstate", random_setstate.f),
        ];
        add_methods(vm, t, methods);
        set_item(vm, d, "Random", t)
    })();
    r.map(|_| m)
}

/// `Random(seed=None)`. The type's own `__init__` is not a separate step here: `__new__`
/// seeds. The built-in type takes no keywords and at most one argument; a subclass may
/// take anything (its own `__init__`, like `random.Random`'s, seeds again), so its
/// arguments seed only when they could be a seed.
fn random_new(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let td = type_data(cls);
    let key = if td.is_user {
        let arg = if args.len() <= 1 && kw.is_empty() {
            args.first().copied()
        } else {
            None
        };
        seed_key(vm, arg).unwrap_or_else(|_| system_words())
    } else {
        if !kw.is_empty() {
            return Err(vm.type_error("Random() takes no keyword arguments"));
        }
        if args.len() > 1 {
            return Err(vm.type_error("Random() requires 0 or 1 argument"));
        }
        seed_key(vm, args.first().copied())?
    };
    let mut mt = Box::<Mt>::default();
    mt.seed_words(&key);
    let base_ty = if td.is_user { td.builtin_base } else { cls };
    let r = vm.alloc(base_ty, RandomData { mt: Mutex::new(mt) })?;
    wrap_for_subclass(vm, cls, r)
}

#[native(name = "seed", owner = "_random.Random")]
fn random_seed(vm: &mut Vm, this: This<RandomData>, n: Option<Value>) -> PyResult {
    let d = this.data;
    let key = seed_key(vm, n)?;
    d.mt.lock().seed_words(&key);
    Ok(Value::NONE)
}

/// The words CPython feeds `init_by_array` for a seed: None takes N words from the
/// system's random source; an int its absolute value's words; anything else the
/// words of its hash read as an unsigned 64-bit number.
fn seed_key(vm: &mut Vm, arg: Option<Value>) -> PyResult<Vec<u32>> {
    let arg = arg.filter(|a| !a.is_none());
    let Some(arg) = arg else {
        return Ok(system_words());
    };
    if let Some(i) = as_int(arg) {
        return Ok(u64_words(i.unsigned_abs()));
    }
    if let Some(b) = as_bigint(arg) {
        return Ok(b.magnitude().to_u32_digits());
    }
    let h = vm.hash(arg)?;
    Ok(u64_words(h as u64))
}

/// A u64's 32-bit words, least significant first, without leading zero words.
fn u64_words(n: u64) -> Vec<u32> {
    match n >> 32 {
        0 => vec![n as u32],
        hi => vec![n as u32, hi as u32],
    }
}

/// N words from `getrandom`, or, should that fail, from the clock and the process id.
fn system_words() -> Vec<u32> {
    let mut words = vec![0u32; N];
    let len = std::mem::size_of_val(&words[..]);
    // SAFETY: the pointer and length describe `words`' buffer, which getrandom fills.
    let got = unsafe { libc::getrandom(words.as_mut_ptr() as *mut libc::c_void, len, 0) };
    if got != len as isize {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        return vec![t as u32, (t >> 32) as u32, std::process::id()];
    }
    words
}

#[native(name = "random", owner = "_random.Random")]
fn random_random(vm: &mut Vm, this: This<RandomData>) -> PyResult {
    let d = this.data;
    let f = d.mt.lock().next_f64();
    vm.new_float(f)
}

#[native(name = "getrandbits", owner = "_random.Random")]
fn random_getrandbits(vm: &mut Vm, this: This<RandomData>, k_arg: Value) -> PyResult {
    let d = this.data;
    let k = match as_index(vm, k_arg) {
        Ok(Some(k)) => k,
        Ok(None) => {
            let tn = vm.type_name(k_arg);
            return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
        }
        Err(_) => {
            return Err(vm.overflow_error("Python int too large to convert to C int"));
        }
    };
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if k > i32::MAX as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    if k == 0 {
        return Ok(Value::small_int(0).unwrap());
    }
    if k <= 32 {
        let r = d.mt.lock().next_u32() >> (32 - k);
        return vm.new_int(r as i64);
    }
    let words = d.mt.lock().bits(k as u64);
    vm.new_bigint(BigInt::from_biguint(
        Sign::Plus,
        BigUint::from_slice(&words),
    ))
}

/// `(word_0, ..., word_623, index)`, CPython's state tuple.
#[native(name = "getstate", owner = "_random.Random")]
fn random_getstate(vm: &mut Vm, this: This<RandomData>) -> PyResult {
    let d = this.data;
    let mt = d.mt.lock().clone();
    let mut items = Vec::with_capacity(N + 1);
    for &w in mt.state.iter() {
        items.push(vm.new_int(w as i64)?);
    }
    items.push(vm.new_int(mt.index as i64)?);
    // Small ints (every word fits) are not heap objects, so nothing needs rooting here.
    vm.new_tuple(items)
}

#[native(name = "setstate", owner = "_random.Random")]
fn random_setstate(vm: &mut Vm, this: This<RandomData>, state_arg: Value) -> PyResult {
    let d = this.data;
    let Some(t) = state_arg.downcast::<TupleData>() else {
        return Err(vm.type_error("state vector must be a tuple"));
    };
    if t.0.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut mt = Mt::default();
    for (i, &v) in t.0[..N].iter().enumerate() {
        // C's unsigned long, then cut to the generator's 32 bits.
        mt.state[i] = unsigned_long(vm, v)? as u32;
    }
    let index = match as_bigint(t.0[N]) {
        Some(b) => b,
        None => return Err(vm.type_error("an integer is required")),
    };
    match i64::try_from(&index) {
        Ok(i) if (0..=N as i64).contains(&i) => mt.index = i as usize,
        Ok(_) => return Err(vm.value_error("invalid state")),
        Err(_) => return Err(vm.overflow_error("Python int too large to convert to C long")),
    }
    **d.mt.lock() = mt;
    Ok(Value::NONE)
}

/// CPython's `PyLong_AsUnsignedLong`, with its error messages.
fn unsigned_long(vm: &mut Vm, v: Value) -> PyResult<u64> {
    if let Some(i) = as_int(v) {
        return match u64::try_from(i) {
            Ok(u) => Ok(u),
            Err(_) => Err(vm.overflow_error("can't convert negative value to unsigned int")),
        };
    }
    match unwrap_base::<IntData>(&v) {
        Some(b) if b.0.sign() == Sign::Minus => {
            Err(vm.overflow_error("can't convert negative value to unsigned int"))
        }
        Some(b) => u64::try_from(&b.0)
            .map_err(|_| vm.overflow_error("Python int too large to convert to C unsigned long")),
        None => Err(vm.type_error("an integer is required")),
    }
}
