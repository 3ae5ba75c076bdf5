//! `memoryview`: a one-dimensional view of the bytes of bytes, bytearray or array.array
//! (the payload, `weft_vm::objects::memoryview::MemoryViewData`, is in the vm so the bytes
//! machinery can read a view). Items are decoded with the array module's codecs.
//!
//! Supported: construction, `cast` to and from byte formats (1-D), `tolist`, `tobytes`,
//! `hex`, `len`, indexing, contiguous slicing (step 1), item and slice assignment into
//! writable exporters, comparison, hashing of read-only byte views, `release` and the
//! context manager, and the usual attributes. Strided slices and multi-dimensional
//! shapes raise NotImplementedError.
use super::array::{Item, item_value, read, to_item, write};
use super::{add_methods, new_native_type};
use weft_vm::helpers::{as_str, unwrap_base};
use weft_vm::objects::array::{ArrayData, itemsize};
use weft_vm::objects::builtin_fn::NativeFn;
use weft_vm::objects::bytes::{ByteArrayData, BytesData, buffer_bytes};
use weft_vm::objects::memoryview::MemoryViewData;
use weft_vm::objects::slice::SliceData;
use weft_vm::ops::containers::{as_index, slice_adjust, slice_len, slice_unpack};
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// Make the `memoryview` type and put it in builtins.
pub fn register(vm: &mut Vm) -> PyResult<()> {
    let t = new_native_type(vm, "memoryview", "builtins")?;
    vm.set_new(t, mv_new);
    let methods: &[(&'static str, NativeFn)] = &[
        ("cast", mv_cast),
        ("tolist", mv_tolist),
        ("tobytes", mv_tobytes),
        ("hex", mv_hex),
        ("release", mv_release),
        ("__enter__", mv_enter),
        ("__exit__", mv_exit),
        ("__len__", mv_len),
        ("__getitem__", mv_getitem),
        ("__setitem__", mv_setitem),
        ("__iter__", mv_iter),
        ("__eq__", mv_eq),
        ("__ne__", mv_ne),
        ("__hash__", mv_hash),
        ("__repr__", mv_repr),
    ];
    add_methods(vm, t, methods);
    let getters: &[(&'static str, NativeFn)] = &[
        ("obj", g_obj),
        ("nbytes", g_nbytes),
        ("readonly", g_readonly),
        ("itemsize", g_itemsize),
        ("format", g_format),
        ("ndim", g_ndim),
        ("shape", g_shape),
        ("strides", g_strides),
        ("suboffsets", g_suboffsets),
        ("c_contiguous", g_true),
        ("f_contiguous", g_true),
        ("contiguous", g_true),
    ];
    for &(name, f) in getters {
        super::add_property(vm, t, name, f, None)?;
    }
    let b = vm.rt.builtins;
    let key = vm.intern("memoryview");
    vm.dict_set(b, key, t)
}

/// The size of struct format `f` as a view item (0: not supported).
fn format_size(f: char) -> usize {
    match f {
        'c' | '?' => 1,
        _ if "bBhHiIlLqQfd".contains(f) => itemsize(f),
        _ => 0,
    }
}

fn is_byte_format(f: char) -> bool {
    matches!(f, 'B' | 'b' | 'c')
}

/// One item of format `f` from its bytes.
fn item_of(vm: &mut Vm, f: char, b: &[u8]) -> PyResult {
    match f {
        'c' => vm.new_bytes(b.to_vec()),
        '?' => Ok(Value::bool(b[0] != 0)),
        _ => item_value(vm, read(f, b)),
    }
}

/// The encoding of `v` as one item of format `f`.
fn encode(vm: &mut Vm, f: char, v: Value) -> PyResult<Vec<u8>> {
    match f {
        'c' => match unwrap_base::<BytesData>(&v) {
            Some(b) if b.0.len() == 1 => Ok(b.0.to_vec()),
            _ => {
                let tn = vm.type_name(v);
                Err(vm.value_error(format!("memoryview: invalid value for format 'c': {tn}")))
            }
        },
        '?' => Ok(vec![vm.truthy(v)? as u8]),
        _ => {
            let it = to_item(vm, f, v)?;
            let mut out = Vec::new();
            write(f, it, &mut out);
            Ok(out)
        }
    }
}

/// The live view behind `args[0]` (ValueError once released).
fn view<'a>(vm: &mut Vm, args: &'a [Value]) -> PyResult<&'a MemoryViewData> {
    match args.first().and_then(|v| v.downcast::<MemoryViewData>()) {
        Some(m) if m.is_released() => {
            Err(vm.value_error("operation forbidden on released memoryview object"))
        }
        Some(m) => Ok(m),
        None => Err(vm.type_error("descriptor requires a 'memoryview' object")),
    }
}

fn bytes_of(vm: &mut Vm, m: &MemoryViewData) -> PyResult<Vec<u8>> {
    m.bytes()
        .ok_or_else(|| vm.value_error("operation forbidden on released memoryview object"))
}

fn new_view(vm: &mut Vm, ty: Value, m: MemoryViewData) -> PyResult {
    vm.alloc(ty, m)
}

fn mv_new(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let obj = match (args, kw) {
        ([o], []) => *o,
        ([], [(k, v)]) if as_str(k) == Some("object") => *v,
        _ => {
            return Err(vm.type_error(format!(
                "memoryview() takes exactly one argument ({} given)",
                args.len() + kw.len()
            )));
        }
    };
    let m = if let Some(src) = obj.downcast::<MemoryViewData>() {
        if src.is_released() {
            return Err(vm.value_error("operation forbidden on released memoryview object"));
        }
        MemoryViewData {
            obj: src.obj,
            start: src.start,
            nbytes: src.nbytes,
            format: src.format,
            itemsize: src.itemsize,
            readonly: src.readonly,
            released: Default::default(),
        }
    } else if let Some(b) = unwrap_base::<BytesData>(&obj) {
        whole(obj, b.0.len(), 'B', true)
    } else if let Some(b) = unwrap_base::<ByteArrayData>(&obj) {
        whole(obj, b.0.lock().len(), 'B', false)
    } else if let Some(a) = unwrap_base::<ArrayData>(&obj) {
        let mut m = whole(obj, a.data.lock().len(), a.typecode, false);
        m.itemsize = a.itemsize();
        m
    } else {
        let tn = vm.type_name(obj);
        return Err(vm.type_error(format!(
            "memoryview: a bytes-like object is required, not '{tn}'"
        )));
    };
    new_view(vm, cls, m)
}

fn whole(obj: Value, nbytes: usize, format: char, readonly: bool) -> MemoryViewData {
    MemoryViewData {
        obj,
        start: 0,
        nbytes,
        format,
        itemsize: format_size(format).max(1),
        readonly,
        released: Default::default(),
    }
}

/// `m.cast(format, shape=None)`: the same bytes seen as items of another format.
fn mv_cast(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let m = view(vm, args)?;
    let fmt = args
        .get(1)
        .copied()
        .or_else(|| weft_vm::helpers::kwarg(kw, "format"));
    let shape = args
        .get(2)
        .copied()
        .or_else(|| weft_vm::helpers::kwarg(kw, "shape"));
    let Some(fmt) = fmt else {
        return Err(vm.type_error("cast() missing required argument 'format' (pos 1)"));
    };
    let Some(f) = as_str(&fmt) else {
        let tn = vm.type_name(fmt);
        return Err(vm.type_error(format!("cast() argument 'format' must be str, not {tn}")));
    };
    let f = f.strip_prefix('@').unwrap_or(f);
    let mut chars = f.chars();
    let (Some(f), None) = (chars.next(), chars.next()) else {
        return Err(bad_format(vm));
    };
    let size = format_size(f);
    if size == 0 {
        return Err(bad_format(vm));
    }
    if !is_byte_format(f) && !is_byte_format(m.format) {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    if m.nbytes % size != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    if let Some(s) = shape {
        let dims = vm.collect_iter(s)?;
        let n = (m.nbytes / size) as i64;
        if dims.len() != 1 || dims[0].as_small_int() != Some(n) {
            return Err(
                vm.runtime_error("weft: memoryview.cast supports one-dimensional shapes only")
            );
        }
    }
    let ty = vm.type_of(args[0]);
    new_view(
        vm,
        ty,
        MemoryViewData {
            format: f,
            itemsize: size,
            ..copy(m)
        },
    )
}

fn bad_format(vm: &mut Vm) -> weft_vm::vm::PyErr {
    vm.value_error(
        "memoryview: destination format must be a native single character format prefixed with an optional '@'",
    )
}

fn copy(m: &MemoryViewData) -> MemoryViewData {
    MemoryViewData {
        obj: m.obj,
        start: m.start,
        nbytes: m.nbytes,
        format: m.format,
        itemsize: m.itemsize,
        readonly: m.readonly,
        released: Default::default(),
    }
}

fn mv_tolist(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = view(vm, args)?;
    let b = bytes_of(vm, m)?;
    weft_vm::root_scope!(vm);
    let mut out = Vec::with_capacity(b.len() / m.itemsize);
    for c in b.chunks_exact(m.itemsize) {
        let v = item_of(vm, m.format, c)?;
        out.push(vm.root(v));
    }
    vm.new_list(out)
}

fn mv_tobytes(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = view(vm, args)?;
    let b = bytes_of(vm, m)?;
    vm.new_bytes(b)
}

/// m.hex(sep=..., bytes_per_sep=1), as bytes.hex.
fn mv_hex(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let m = view(vm, args)?;
    let b = bytes_of(vm, m)?;
    let mut sep = args.get(1).copied();
    let mut per = args.get(2).copied();
    if args.len() > 3 {
        return Err(vm.type_error(format!(
            "hex() takes at most 2 arguments ({} given)",
            args.len() - 1
        )));
    }
    for &(k, v) in kw {
        match as_str(&k) {
            Some("sep") if sep.is_none() => sep = Some(v),
            Some("bytes_per_sep") if per.is_none() => per = Some(v),
            _ => {
                let k = vm.str_of(k)?;
                return Err(
                    vm.type_error(format!("hex() got an unexpected keyword argument '{k}'"))
                );
            }
        }
    }
    let s = weft_vm::objects::bytes::methods::hex_string(vm, &b, sep, per)?;
    vm.new_str(&s)
}

fn mv_release(_vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    if let Some(m) = args.first().and_then(|v| v.downcast::<MemoryViewData>()) {
        m.release();
    }
    Ok(Value::NONE)
}

fn mv_enter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    view(vm, args)?;
    Ok(args[0])
}

fn mv_exit(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    mv_release(vm, args, kw)
}

fn mv_len(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = view(vm, args)?;
    vm.new_int((m.nbytes / m.itemsize) as i64)
}

/// The item index `key` names (negative from the end), or IndexError.
fn item_index(vm: &mut Vm, m: &MemoryViewData, key: Value) -> PyResult<usize> {
    let Some(i) = as_index(vm, key)? else {
        return Err(vm.type_error("memoryview: invalid slice key"));
    };
    let n = (m.nbytes / m.itemsize) as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    }
    Ok(j as usize)
}

/// The item range a step-1 slice names.
fn slice_range(vm: &mut Vm, m: &MemoryViewData, sl: &SliceData) -> PyResult<(usize, usize)> {
    let (s, e, st) = slice_unpack(vm, sl)?;
    let (a, b, st) = slice_adjust(s, e, st, m.nbytes / m.itemsize);
    if st != 1 {
        return Err(vm.runtime_error("weft: memoryview slices with a step are not supported"));
    }
    Ok((a as usize, a as usize + slice_len(a, b, st)))
}

fn mv_getitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = view(vm, args)?;
    let key = args.get(1).copied().unwrap_or(Value::NONE);
    if key == Value::ELLIPSIS {
        return Ok(args[0]);
    }
    if let Some(sl) = key.downcast::<SliceData>() {
        let (a, b) = slice_range(vm, m, sl)?;
        let ty = vm.type_of(args[0]);
        return new_view(
            vm,
            ty,
            MemoryViewData {
                start: m.start + a * m.itemsize,
                nbytes: (b - a) * m.itemsize,
                ..copy(m)
            },
        );
    }
    let i = item_index(vm, m, key)?;
    let b = bytes_of(vm, m)?;
    let at = i * m.itemsize;
    match b.get(at..at + m.itemsize) {
        Some(c) => item_of(vm, m.format, c),
        None => Err(vm.index_error("index out of bounds on dimension 1")),
    }
}

/// Write `data` at byte `at` of the view's exporter.
fn store(vm: &mut Vm, m: &MemoryViewData, at: usize, data: &[u8]) -> PyResult<()> {
    let at = m.start + at;
    let put = |buf: &mut Vec<u8>| match buf.get_mut(at..at + data.len()) {
        Some(dst) => {
            dst.copy_from_slice(data);
            true
        }
        None => false,
    };
    let ok = if let Some(b) = unwrap_base::<ByteArrayData>(&m.obj) {
        put(&mut b.0.lock())
    } else if let Some(a) = unwrap_base::<ArrayData>(&m.obj) {
        put(&mut a.data.lock())
    } else {
        false
    };
    if ok {
        Ok(())
    } else {
        Err(vm.index_error("index out of bounds on dimension 1"))
    }
}

fn mv_setitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = view(vm, args)?;
    if m.readonly {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    let (key, v) = match args {
        [_, k, v] => (*k, *v),
        _ => return Err(vm.type_error("__setitem__ expected 2 arguments")),
    };
    if let Some(sl) = key.downcast::<SliceData>() {
        let (a, b) = slice_range(vm, m, sl)?;
        let Some(data) = buffer_bytes(&v) else {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
        };
        if data.len() != (b - a) * m.itemsize {
            return Err(vm.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        store(vm, m, a * m.itemsize, &data)?;
        return Ok(Value::NONE);
    }
    let i = item_index(vm, m, key)?;
    let data = encode(vm, m.format, v)?;
    store(vm, m, i * m.itemsize, &data)?;
    Ok(Value::NONE)
}

fn mv_iter(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = mv_tolist(vm, args, kw)?;
    weft_vm::root_scope!(vm);
    vm.root(l);
    vm.iter(l)
}

/// The items of a view or other buffer as numbers, for comparison.
fn items(vm: &mut Vm, v: Value) -> PyResult<Option<Vec<Item>>> {
    let (f, size, b) = match v.downcast::<MemoryViewData>() {
        Some(m) => match m.bytes() {
            Some(b) => (m.format, m.itemsize, b),
            None => {
                return Err(vm.value_error("operation forbidden on released memoryview object"));
            }
        },
        None => match unwrap_base::<ArrayData>(&v) {
            Some(a) => (a.typecode, a.itemsize(), a.data.lock().clone()),
            None => match buffer_bytes(&v) {
                Some(b) => ('B', 1, b),
                None => return Ok(None),
            },
        },
    };
    let conv = |c: &[u8]| match f {
        'c' | '?' => Item::Int(c[0] as i128),
        _ => read(f, c),
    };
    Ok(Some(b.chunks_exact(size).map(conv).collect()))
}

fn mv_eq(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let [this, other] = args else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if this == other {
        return Ok(Value::TRUE);
    }
    if this
        .downcast::<MemoryViewData>()
        .is_some_and(|m| m.is_released())
    {
        return Ok(Value::FALSE);
    }
    let a = items(vm, *this)?;
    let b = items(vm, *other)?;
    Ok(match (a, b) {
        (Some(a), Some(b)) => Value::bool(a == b),
        _ => Value::NOT_IMPLEMENTED,
    })
}

/// `m != other`: the inverse of `m == other` (NotImplemented stays so).
fn mv_ne(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let r = mv_eq(vm, args, kw)?;
    Ok(if r == Value::NOT_IMPLEMENTED {
        r
    } else {
        Value::bool(r != Value::TRUE)
    })
}

fn mv_hash(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = view(vm, args)?;
    if !m.readonly {
        return Err(vm.value_error("cannot hash writable memoryview object"));
    }
    if !is_byte_format(m.format) {
        return Err(vm.value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
    }
    let b = bytes_of(vm, m)?;
    let b = vm.new_bytes(b)?;
    let h = vm.hash(b)?;
    vm.new_int(h)
}

fn mv_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let Some(m) = args.first().and_then(|v| v.downcast::<MemoryViewData>()) else {
        return Err(vm.type_error("descriptor requires a 'memoryview' object"));
    };
    let what = if m.is_released() {
        "released memory"
    } else {
        "memory"
    };
    vm.new_str(&format!("<{what} at {}>", super::addr(args[0])))
}

fn g_obj(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    Ok(view(vm, args)?.obj)
}

fn g_nbytes(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let n = view(vm, args)?.nbytes;
    vm.new_int(n as i64)
}

fn g_readonly(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    Ok(Value::bool(view(vm, args)?.readonly))
}

fn g_itemsize(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let n = view(vm, args)?.itemsize;
    vm.new_int(n as i64)
}

fn g_format(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = view(vm, args)?.format;
    vm.new_char(f)
}

fn g_ndim(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    view(vm, args)?;
    vm.new_int(1)
}

fn g_shape(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = view(vm, args)?;
    let n = vm.new_int((m.nbytes / m.itemsize) as i64)?;
    vm.new_tuple(vec![n])
}

fn g_strides(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = view(vm, args)?;
    let n = vm.new_int(m.itemsize as i64)?;
    vm.new_tuple(vec![n])
}

fn g_suboffsets(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    view(vm, args)?;
    vm.new_tuple(vec![])
}

fn g_true(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    view(vm, args)?;
    Ok(Value::TRUE)
}
