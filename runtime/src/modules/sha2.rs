//! `_sha256` (`sha224`, `sha256`) and `_sha512` (`sha384`, `sha512`): the SHA-2 hash
//! objects CPython's `hashlib` and `random` (str and bytes seeds) use, on the RustCrypto
//! `sha2` crate. Each object's state sits behind a mutex taken once per call.
use super::{add_property, new_native_module, new_native_type, set_item};
use parking_lot::Mutex;
use sha2::Digest;
use weft_vm::helpers::{arg_count, as_str, kwarg, no_kwargs};
use weft_vm::objects::builtin_fn::NativeFn;
use weft_vm::objects::bytes::buffer_bytes;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

#[derive(Clone)]
enum State {
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

// SAFETY: hash states are plain bytes; they hold no Value.
unsafe impl weft_vm::trace::Trace for State {
    fn trace(&self, _: &mut weft_gc::Tracer) {}
}

impl State {
    fn new(name: &str) -> State {
        match name {
            "sha224" => State::Sha224(Default::default()),
            "sha256" => State::Sha256(Default::default()),
            "sha384" => State::Sha384(Default::default()),
            _ => State::Sha512(Default::default()),
        }
    }
    fn name(&self) -> &'static str {
        match self {
            State::Sha224(_) => "sha224",
            State::Sha256(_) => "sha256",
            State::Sha384(_) => "sha384",
            State::Sha512(_) => "sha512",
        }
    }
    fn update(&mut self, data: &[u8]) {
        match self {
            State::Sha224(h) => h.update(data),
            State::Sha256(h) => h.update(data),
            State::Sha384(h) => h.update(data),
            State::Sha512(h) => h.update(data),
        }
    }
    /// The digest of what was hashed so far (the state itself goes on).
    fn digest(&self) -> Vec<u8> {
        match self.clone() {
            State::Sha224(h) => h.finalize().to_vec(),
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha384(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
        }
    }
    fn digest_size(&self) -> i64 {
        match self {
            State::Sha224(_) => 28,
            State::Sha256(_) => 32,
            State::Sha384(_) => 48,
            State::Sha512(_) => 64,
        }
    }
    fn block_size(&self) -> i64 {
        match self {
            State::Sha224(_) | State::Sha256(_) => 64,
            State::Sha384(_) | State::Sha512(_) => 128,
        }
    }
}

#[derive(weft_vm::trace::Trace)]
pub struct HashData {
    state: Mutex<State>,
}
weft_vm::payload!(HashData, "sha2");

pub fn init_sha256(vm: &mut Vm) -> PyResult {
    init(vm, "_sha256", &["sha224", "sha256"])
}

pub fn init_sha512(vm: &mut Vm) -> PyResult {
    init(vm, "_sha512", &["sha384", "sha512"])
}

fn init(vm: &mut Vm, module: &'static str, algos: &[&'static str]) -> PyResult {
    let (m, d) = new_native_module(vm, module, &[])?;
    vm.push_root(m);
    let r = (|| {
        for &algo in algos {
            let t = new_native_type(vm, algo, module)?;
            let methods: &[(&'static str, NativeFn)] = &[
                ("update", h_update),
                ("digest", h_digest),
                ("hexdigest", h_hexdigest),
                ("copy", h_copy),
            ];
            super::add_methods(vm, t, methods);
            add_property(vm, t, "name", h_name, None)?;
            add_property(vm, t, "digest_size", h_digest_size, None)?;
            add_property(vm, t, "block_size", h_block_size, None)?;
            // The constructor is a module function named like the type, as in CPython.
            let ctor = match algo {
                "sha224" => new_sha224 as NativeFn,
                "sha256" => new_sha256,
                "sha384" => new_sha384,
                _ => new_sha512,
            };
            let f = vm.new_native(algo, module, ctor)?;
            vm.push_root(f);
            let key = vm.intern(&format!("_{algo}_type"));
            let r = vm
                .dict_set(d, key, t)
                .and_then(|_| set_item(vm, d, algo, f));
            vm.pop_roots(1);
            r?;
        }
        Ok(())
    })();
    vm.pop_roots(1);
    r.map(|_| m)
}

fn new_sha224(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    construct(vm, "_sha256", "sha224", args, kw)
}
fn new_sha256(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    construct(vm, "_sha256", "sha256", args, kw)
}
fn new_sha384(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    construct(vm, "_sha512", "sha384", args, kw)
}
fn new_sha512(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    construct(vm, "_sha512", "sha512", args, kw)
}

/// The bytes of a bytes-like argument, or CPython's TypeError.
fn data_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if as_str(&v).is_some() {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    match buffer_bytes(&v) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "object supporting the buffer API required (got '{tn}')"
            )))
        }
    }
}

/// `sha512(string=b'', *, usedforsecurity=True)`.
fn construct(
    vm: &mut Vm,
    module: &str,
    algo: &str,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult {
    arg_count(vm, algo, args, 0, 1)?;
    for (k, _) in kw {
        let k = as_str(k).unwrap_or("");
        if k != "string" && k != "usedforsecurity" {
            return Err(vm.type_error(format!("{algo}() got an unexpected keyword argument '{k}'")));
        }
    }
    let mut state = State::new(algo);
    if let Some(v) = args.first().copied().or_else(|| kwarg(kw, "string")) {
        let b = data_arg(vm, v)?;
        state.update(&b);
    }
    let m = vm.import_module(module)?;
    let ty = vm.getattr_str(m, &format!("_{algo}_type"))?;
    vm.alloc(
        ty,
        HashData {
            state: Mutex::new(state),
        },
    )
}

fn this<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<&'a HashData> {
    match args.first().and_then(|v| v.downcast::<HashData>()) {
        Some(h) => Ok(h),
        None => Err(vm.type_error(format!("descriptor '{name}' needs a hash object"))),
    }
}

fn h_update(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let h = this(vm, args, "update")?;
    no_kwargs(vm, "update", kw)?;
    arg_count(vm, "update", &args[1..], 1, 1)?;
    let b = data_arg(vm, args[1])?;
    h.state.lock().update(&b);
    Ok(Value::NONE)
}

fn h_digest(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let h = this(vm, args, "digest")?;
    no_kwargs(vm, "digest", kw)?;
    arg_count(vm, "digest", &args[1..], 0, 0)?;
    let d = h.state.lock().digest();
    vm.new_bytes(d)
}

fn h_hexdigest(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let h = this(vm, args, "hexdigest")?;
    no_kwargs(vm, "hexdigest", kw)?;
    arg_count(vm, "hexdigest", &args[1..], 0, 0)?;
    let d = h.state.lock().digest();
    let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
    vm.new_str(&hex)
}

fn h_copy(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let h = this(vm, args, "copy")?;
    no_kwargs(vm, "copy", kw)?;
    arg_count(vm, "copy", &args[1..], 0, 0)?;
    let state = h.state.lock().clone();
    let ty = vm.type_of(args[0]);
    vm.alloc(
        ty,
        HashData {
            state: Mutex::new(state),
        },
    )
}

fn h_name(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let h = this(vm, args, "name")?;
    let n = h.state.lock().name();
    vm.new_str(n)
}

fn h_digest_size(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let h = this(vm, args, "digest_size")?;
    let n = h.state.lock().digest_size();
    vm.new_int(n)
}

fn h_block_size(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let h = this(vm, args, "block_size")?;
    let n = h.state.lock().block_size();
    vm.new_int(n)
}
