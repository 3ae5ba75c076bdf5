//! The hash objects under CPython's `hashlib` (which falls back to them when there is
//! no `_hashlib`): `_md5`, `_sha1`, `_sha256` (`sha224`, `sha256`), `_sha512` (`sha384`,
//! `sha512`), `_sha3` (`sha3_*`, `shake_*`) and `_blake2` (`blake2b`, `blake2s`, with
//! digest size, key, salt and person), on the RustCrypto crates. Each object's state
//! sits behind a mutex taken once per call.
use super::{add_property, new_native_module, new_native_type, set_item};
use digest::core_api::{Buffer, UpdateCore, VariableOutputCore};
use digest::{Digest, ExtendableOutput, Update};
use parking_lot::Mutex;
use weft_vm::helpers::{arg_count, as_int, as_str, kwarg, no_kwargs};
use weft_vm::native;
use weft_vm::native::This;
use weft_vm::objects::builtin_fn::NativeFn;
use weft_vm::objects::bytes::buffer_bytes;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// A BLAKE2 state with the parameters CPython exposes: the core keeps the chaining
/// value, the lazy buffer the last (possibly full) block until finalisation. One
/// concrete type per variant (the generic bounds of the core traits are unwieldy).
macro_rules! blake2_state {
    ($name:ident, $core:ty) => {
        #[derive(Clone)]
        struct $name {
            core: $core,
            buffer: Buffer<$core>,
            digest_size: usize,
        }

        impl $name {
            /// A core made with the parameters; a key is hashed as a first block.
            fn new(core: $core, key: &[u8], digest_size: usize) -> Self {
                let mut b = $name {
                    core,
                    buffer: Default::default(),
                    digest_size,
                };
                if !key.is_empty() {
                    let mut block =
                        vec![0u8; <$core as digest::core_api::BlockSizeUser>::block_size()];
                    block[..key.len()].copy_from_slice(key);
                    b.update(&block);
                }
                b
            }
            fn update(&mut self, data: &[u8]) {
                let core = &mut self.core;
                self.buffer
                    .digest_blocks(data, |blocks| core.update_blocks(blocks));
            }
            fn digest(&self) -> Vec<u8> {
                let mut core = self.core.clone();
                let mut buffer = self.buffer.clone();
                let mut full = digest::Output::<$core>::default();
                core.finalize_variable_core(&mut buffer, &mut full);
                full[..self.digest_size].to_vec()
            }
        }
    };
}

blake2_state!(Blake2b, blake2::Blake2bVarCore);
blake2_state!(Blake2s, blake2::Blake2sVarCore);

/// One algorithm's running state.
#[derive(Clone)]
enum State {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    Blake2b(Box<Blake2b>),
    Blake2s(Box<Blake2s>),
}

/// Run `$e` with `$h` bound to the fixed-size digest inside `$s`, if it is one.
macro_rules! fixed {
    ($s:expr, $h:ident => $e:expr, $other:pat => $o:expr) => {
        match $s {
            State::Md5($h) => $e,
            State::Sha1($h) => $e,
            State::Sha224($h) => $e,
            State::Sha256($h) => $e,
            State::Sha384($h) => $e,
            State::Sha512($h) => $e,
            State::Sha3_224($h) => $e,
            State::Sha3_256($h) => $e,
            State::Sha3_384($h) => $e,
            State::Sha3_512($h) => $e,
            $other => $o,
        }
    };
}

// SAFETY: hash states are plain bytes; they hold no Value.
unsafe impl weft_vm::trace::Trace for State {
    fn trace(&self, _: &mut weft_gc::Tracer) {}
}

/// (name, digest_size, block_size) of every algorithm.
const ALGORITHMS: &[(&str, i64, i64)] = &[
    ("md5", 16, 64),
    ("sha1", 20, 64),
    ("sha224", 28, 64),
    ("sha256", 32, 64),
    ("sha384", 48, 128),
    ("sha512", 64, 128),
    ("sha3_224", 28, 144),
    ("sha3_256", 32, 136),
    ("sha3_384", 48, 104),
    ("sha3_512", 64, 72),
    ("shake_128", 0, 168),
    ("shake_256", 0, 136),
    ("blake2b", 64, 128),
    ("blake2s", 32, 64),
];

impl State {
    /// A fresh state for an algorithm without parameters.
    fn new(name: &str) -> State {
        match name {
            "md5" => State::Md5(Default::default()),
            "sha1" => State::Sha1(Default::default()),
            "sha224" => State::Sha224(Default::default()),
            "sha256" => State::Sha256(Default::default()),
            "sha384" => State::Sha384(Default::default()),
            "sha3_224" => State::Sha3_224(Default::default()),
            "sha3_256" => State::Sha3_256(Default::default()),
            "sha3_384" => State::Sha3_384(Default::default()),
            "sha3_512" => State::Sha3_512(Default::default()),
            "shake_128" => State::Shake128(Default::default()),
            "shake_256" => State::Shake256(Default::default()),
            _ => State::Sha512(Default::default()),
        }
    }
    fn name(&self) -> &'static str {
        match self {
            State::Md5(_) => "md5",
            State::Sha1(_) => "sha1",
            State::Sha224(_) => "sha224",
            State::Sha256(_) => "sha256",
            State::Sha384(_) => "sha384",
            State::Sha512(_) => "sha512",
            State::Sha3_224(_) => "sha3_224",
            State::Sha3_256(_) => "sha3_256",
            State::Sha3_384(_) => "sha3_384",
            State::Sha3_512(_) => "sha3_512",
            State::Shake128(_) => "shake_128",
            State::Shake256(_) => "shake_256",
            State::Blake2b(_) => "blake2b",
            State::Blake2s(_) => "blake2s",
        }
    }
    fn update(&mut self, data: &[u8]) {
        fixed!(self, h => Digest::update(h, data), other => match other {
            State::Shake128(h) => Update::update(h, data),
            State::Shake256(h) => Update::update(h, data),
            State::Blake2b(h) => h.update(data),
            State::Blake2s(h) => h.update(data),
            _ => unreachable!("fixed-size digests matched above"),
        })
    }
    /// The digest of what was hashed so far (the state itself goes on); `len` is the
    /// output length of the `shake_*` algorithms.
    fn digest(&self, len: usize) -> Vec<u8> {
        fixed!(self.clone(), h => h.finalize().to_vec(), other => match other {
            State::Shake128(h) => h.finalize_boxed(len).into_vec(),
            State::Shake256(h) => h.finalize_boxed(len).into_vec(),
            State::Blake2b(h) => h.digest(),
            State::Blake2s(h) => h.digest(),
            _ => unreachable!("fixed-size digests matched above"),
        })
    }
    fn digest_size(&self) -> i64 {
        match self {
            State::Blake2b(h) => h.digest_size as i64,
            State::Blake2s(h) => h.digest_size as i64,
            s => ALGORITHMS
                .iter()
                .find(|a| a.0 == s.name())
                .map_or(0, |a| a.1),
        }
    }
    fn block_size(&self) -> i64 {
        ALGORITHMS
            .iter()
            .find(|a| a.0 == self.name())
            .map_or(0, |a| a.2)
    }
    fn is_shake(&self) -> bool {
        matches!(self, State::Shake128(_) | State::Shake256(_))
    }
}

#[derive(weft_vm::trace::Trace)]
pub struct HashData {
    state: Mutex<State>,
}
weft_vm::payload!(HashData, "hash");

pub fn init_md5(vm: &mut Vm) -> PyResult {
    init(vm, "_md5", &["md5"])
}

pub fn init_sha1(vm: &mut Vm) -> PyResult {
    init(vm, "_sha1", &["sha1"])
}

pub fn init_sha256(vm: &mut Vm) -> PyResult {
    init(vm, "_sha256", &["sha224", "sha256"])
}

pub fn init_sha512(vm: &mut Vm) -> PyResult {
    init(vm, "_sha512", &["sha384", "sha512"])
}

pub fn init_sha3(vm: &mut Vm) -> PyResult {
    let names = [
        "sha3_224",
        "sha3_256",
        "sha3_384",
        "sha3_512",
        "shake_128",
        "shake_256",
    ];
    init(vm, "_sha3", &names)
}

pub fn init_blake2(vm: &mut Vm) -> PyResult {
    init(vm, "_blake2", &["blake2b", "blake2s"])
}

fn init(vm: &mut Vm, module: &'static str, algos: &[&'static str]) -> PyResult {
    let (m, d) = new_native_module(vm, module, &[])?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let r = (|| {
        for &algo in algos {
            let t = new_native_type(vm, algo, module)?;
            let methods: &[(&'static str, NativeFn)] = &[
                ("update", h_update.f),
                ("digest", h_digest),
                ("hexdigest", h_hexdigest),
                ("copy", h_copy.f),
            ];
            super::add_methods(vm, t, methods);
            add_property(vm, t, "name", h_name.f, None)?;
            add_property(vm, t, "digest_size", h_digest_size.f, None)?;
            add_property(vm, t, "block_size", h_block_size.f, None)?;
            // The constructor is a module function named like the type.
            let f = vm.new_native(algo, module, constructor(algo))?;
            weft_vm::root_scope!(vm);
            vm.root(f);
            let key = vm.intern(&format!("_{algo}_type"));
            let r = vm
                .dict_set(d, key, t)
                .and_then(|_| set_item(vm, d, algo, f));
            r?;
        }
        Ok(())
    })();
    r.map(|_| m)
}

/// Natives cannot capture their algorithm: one small function per name.
fn constructor(algo: &str) -> NativeFn {
    macro_rules! ctor {
        ($module:expr, $name:expr) => {{
            fn f(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
                construct(vm, $module, $name, args, kw)
            }
            f as NativeFn
        }};
    }
    match algo {
        "md5" => ctor!("_md5", "md5"),
        "sha1" => ctor!("_sha1", "sha1"),
        "sha224" => ctor!("_sha256", "sha224"),
        "sha256" => ctor!("_sha256", "sha256"),
        "sha384" => ctor!("_sha512", "sha384"),
        "sha512" => ctor!("_sha512", "sha512"),
        "sha3_224" => ctor!("_sha3", "sha3_224"),
        "sha3_256" => ctor!("_sha3", "sha3_256"),
        "sha3_384" => ctor!("_sha3", "sha3_384"),
        "sha3_512" => ctor!("_sha3", "sha3_512"),
        "shake_128" => ctor!("_sha3", "shake_128"),
        "shake_256" => ctor!("_sha3", "shake_256"),
        "blake2b" => ctor!("_blake2", "blake2b"),
        _ => ctor!("_blake2", "blake2s"),
    }
}

/// The bytes of a bytes-like argument, or CPython's TypeError.
fn data_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if as_str(&v).is_some() {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    match buffer_bytes(&v) {
        Some(b) => Ok(b),
        None => Err(vm.type_error("object supporting the buffer API required")),
    }
}

/// `sha512(string=b'', *, usedforsecurity=True)`; the BLAKE2 ones take `data` and
/// their parameters.
fn construct(
    vm: &mut Vm,
    module: &str,
    algo: &str,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult {
    arg_count(vm, algo, args, 0, 1)?;
    let blake = algo.starts_with("blake2");
    // BLAKE2 takes its data by position only.
    let data_kw = if blake { "" } else { "string" };
    for (k, _) in kw {
        let k = as_str(k).unwrap_or("");
        let known = k == data_kw || k == "usedforsecurity" || (blake && BLAKE_PARAMS.contains(&k));
        if !known {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {algo}()")));
        }
    }
    let mut state = if blake {
        blake2_state(vm, algo, kw)?
    } else {
        State::new(algo)
    };
    if let Some(v) = args.first().copied().or_else(|| kwarg(kw, data_kw)) {
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

const BLAKE_PARAMS: &[&str] = &[
    "digest_size",
    "key",
    "salt",
    "person",
    "fanout",
    "depth",
    "leaf_size",
    "node_offset",
    "node_depth",
    "inner_size",
    "last_node",
];

/// A BLAKE2 state from CPython's keyword parameters. Tree hashing (fanout, depth, ...)
/// is not supported: only its sequential-mode values are accepted.
fn blake2_state(vm: &mut Vm, algo: &str, kw: &[(Value, Value)]) -> PyResult<State> {
    let big = algo == "blake2b";
    let (max_out, max_key, max_salt) = if big { (64, 64, 16) } else { (32, 32, 8) };
    let digest_size = match kwarg(kw, "digest_size") {
        Some(v) => as_int(v).unwrap_or(-1),
        None => max_out,
    };
    if !(1..=max_out).contains(&digest_size) {
        return Err(vm.value_error(format!("digest_size must be between 1 and {max_out} bytes")));
    }
    let bytes_kw = |vm: &mut Vm, name: &str| -> PyResult<Vec<u8>> {
        match kwarg(kw, name) {
            Some(v) => data_arg(vm, v),
            None => Ok(Vec::new()),
        }
    };
    let key = bytes_kw(vm, "key")?;
    let salt = bytes_kw(vm, "salt")?;
    let person = bytes_kw(vm, "person")?;
    if key.len() > max_key as usize {
        return Err(vm.value_error(format!("maximum key length is {max_key} bytes")));
    }
    if salt.len() > max_salt {
        return Err(vm.value_error(format!("maximum salt length is {max_salt} bytes")));
    }
    if person.len() > max_salt {
        return Err(vm.value_error(format!("maximum person length is {max_salt} bytes")));
    }
    for (name, default) in [
        ("fanout", 1),
        ("depth", 1),
        ("leaf_size", 0),
        ("node_offset", 0),
        ("node_depth", 0),
        ("inner_size", 0),
        ("last_node", 0),
    ] {
        if let Some(v) = kwarg(kw, name)
            && as_int(v) != Some(default)
        {
            return Err(vm.value_error(format!(
                "{algo}: weft supports only sequential hashing ({name}={default})"
            )));
        }
    }
    let n = digest_size as usize;
    Ok(if big {
        let core = blake2::Blake2bVarCore::new_with_params(&salt, &person, key.len(), n);
        State::Blake2b(Box::new(Blake2b::new(core, &key, n)))
    } else {
        let core = blake2::Blake2sVarCore::new_with_params(&salt, &person, key.len(), n);
        State::Blake2s(Box::new(Blake2s::new(core, &key, n)))
    })
}

fn this<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<&'a HashData> {
    match args.first().and_then(|v| v.downcast::<HashData>()) {
        Some(h) => Ok(h),
        None => Err(vm.type_error(format!("descriptor '{name}' needs a hash object"))),
    }
}

#[native(name = "update", owner = "hash")]
fn h_update(vm: &mut Vm, this: This<HashData>, obj: Value) -> PyResult {
    let h = this.data;
    let b = data_arg(vm, obj)?;
    h.state.lock().update(&b);
    Ok(Value::NONE)
}

/// The output length: none for fixed-size digests, the required `length` for shake.
fn out_len(vm: &mut Vm, h: &HashData, args: &[Value], name: &str) -> PyResult<usize> {
    let shake = h.state.lock().is_shake();
    if !shake {
        arg_count(vm, name, &args[1..], 0, 0)?;
        return Ok(0);
    }
    let Some(&n) = args.get(1) else {
        return Err(vm.type_error(format!(
            "{name}() missing required argument 'length' (pos 1)"
        )));
    };
    arg_count(vm, name, &args[1..], 1, 1)?;
    match as_int(n) {
        Some(n) if (0..(1 << 29)).contains(&n) => Ok(n as usize),
        Some(n) if n < 0 => Err(vm.value_error("length must be non-negative")),
        _ => Err(vm.overflow_error("digest length is too large")),
    }
}

fn h_digest(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let h = this(vm, args, "digest")?;
    no_kwargs(vm, "digest", kw)?;
    let n = out_len(vm, h, args, "digest")?;
    let d = h.state.lock().digest(n);
    vm.new_bytes(d)
}

fn h_hexdigest(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let h = this(vm, args, "hexdigest")?;
    no_kwargs(vm, "hexdigest", kw)?;
    let n = out_len(vm, h, args, "hexdigest")?;
    let d = h.state.lock().digest(n);
    let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
    vm.new_str(&hex)
}

#[native(name = "copy", owner = "hash")]
fn h_copy(vm: &mut Vm, this: This<HashData>) -> PyResult {
    let h = this.data;
    let state = h.state.lock().clone();
    let ty = vm.type_of(this.obj);
    vm.alloc(
        ty,
        HashData {
            state: Mutex::new(state),
        },
    )
}

#[native(name = "name", owner = "hash")]
fn h_name(vm: &mut Vm, this: This<HashData>) -> PyResult {
    let h = this.data;
    let n = h.state.lock().name();
    vm.new_str(n)
}

#[native(name = "digest_size", owner = "hash")]
fn h_digest_size(vm: &mut Vm, this: This<HashData>) -> PyResult {
    let h = this.data;
    let n = h.state.lock().digest_size();
    vm.new_int(n)
}

#[native(name = "block_size", owner = "hash")]
fn h_block_size(vm: &mut Vm, this: This<HashData>) -> PyResult {
    let h = this.data;
    let n = h.state.lock().block_size();
    vm.new_int(n)
}
