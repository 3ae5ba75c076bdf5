//! `_struct`: `pack`, `unpack`, `calcsize`, `pack_into`, `unpack_from`, `iter_unpack`,
//! the `Struct` class and `error`, under CPython's `Lib/struct.py`. The layout comes from
//! `struct_format.rs`, the value conversions from `struct_codec.rs`.
use super::struct_codec::{pack, struct_error, unpack};
use super::struct_format::{Layout, parse};
use super::{add_methods, add_property, new_native_module, new_native_type, set_item};
use weft_vm::helpers::{arg_count, as_str, kwarg, unwrap_base, wrap_for_subclass};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::array::ArrayData;
use weft_vm::objects::builtin_fn::NativeFn;
use weft_vm::objects::bytes::{ByteArrayData, BytesData};
use weft_vm::types::type_data;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

// SAFETY: a layout is numbers only; it holds no Value.
unsafe impl weft_vm::trace::Trace for Layout {
    fn trace(&self, _: &mut weft_gc::Tracer) {}
}

/// A compiled format: the `Struct` object's payload.
#[derive(weft_vm::trace::Trace)]
pub struct StructData {
    /// The format as a str (`Struct.format`).
    format: Value,
    layout: Layout,
}
weft_vm::payload!(StructData, "_struct.Struct");

const FUNCS: &[NativeDef] = &[
    NativeDef::raw("pack", m_pack),
    m_unpack,
    m_calcsize,
    NativeDef::raw("pack_into", m_pack_into),
    NativeDef::raw("unpack_from", m_unpack_from),
    m_iter_unpack,
    m_clearcache,
];

const DOC: &str = "Functions to convert between Python values and C structs.\n\
Python bytes objects are used to hold the data representing the C struct\n\
and also as format strings (explained below) to describe the layout of data\n\
in the C struct.";

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "_struct", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let r = (|| {
        vm.exec_in_module(
            "class error(Exception):\n    __module__ = 'struct'\n",
            "<_struct>",
            m,
        )?;
        let doc = vm.new_str(DOC)?;
        set_item(vm, d, "__doc__", doc)?;
        let t = new_native_type(vm, "Struct", "_struct")?;
        vm.set_new(t, struct_new.f);
        let methods: &[(&'static str, NativeFn)] = &[
            ("pack", s_pack.f),
            ("unpack", s_unpack.f),
            ("pack_into", s_pack_into.f),
            ("unpack_from", s_unpack_from.f),
            ("iter_unpack", s_iter_unpack.f),
        ];
        add_methods(vm, t, methods);
        add_property(vm, t, "format", s_format.f, None)?;
        add_property(vm, t, "size", s_size.f, None)?;
        set_item(vm, d, "Struct", t)
    })();
    r.map(|_| m)
}

/// A format argument (str or bytes) as (its text as a str value, its layout).
fn compile(vm: &mut Vm, fmt: Value) -> PyResult<(Value, Layout)> {
    let text = if let Some(s) = as_str(&fmt) {
        s.to_string()
    } else if let Some(b) = unwrap_base::<BytesData>(&fmt) {
        String::from_utf8_lossy(&b.0).into_owned()
    } else {
        let tn = vm.type_name(fmt);
        return Err(vm.type_error(format!(
            "Struct() argument 1 must be a str or bytes object, not {tn}"
        )));
    };
    let layout = parse(text.as_bytes()).map_err(|msg| struct_error(vm, msg))?;
    let s = if as_str(&fmt).is_some() {
        fmt
    } else {
        vm.new_str(&text)?
    };
    Ok((s, layout))
}

#[native(new, name = "Struct")]
fn struct_new(vm: &mut Vm, cls: Value, #[kw] format: Value) -> PyResult {
    let (format, layout) = compile(vm, format)?;
    weft_vm::root_scope!(vm);
    vm.root(format);
    let td = type_data(cls);
    let base_ty = if td.is_user { td.builtin_base } else { cls };
    let s = vm.alloc(base_ty, StructData { format, layout });
    wrap_for_subclass(vm, cls, s?)
}

/// The bytes of a readable buffer, or CPython's TypeError.
fn read_buffer(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    super::bytes_like_arg(vm, v)
}

fn do_pack(vm: &mut Vm, layout: &Layout, values: &[Value]) -> PyResult {
    if values.len() != layout.items {
        let msg = format!(
            "pack expected {} items for packing (got {})",
            layout.items,
            values.len()
        );
        return Err(struct_error(vm, &msg));
    }
    let b = pack(vm, layout, values)?;
    vm.new_bytes(b)
}

fn do_unpack(vm: &mut Vm, layout: &Layout, buf: Value) -> PyResult {
    let data = read_buffer(vm, buf)?;
    if data.len() != layout.size {
        let msg = format!("unpack requires a buffer of {} bytes", layout.size);
        return Err(struct_error(vm, &msg));
    }
    unpack(vm, layout, &data)
}

/// A start offset into a `len`-byte buffer (negative counts from the end), checked as
/// CPython checks `unpack_from`'s and `pack_into`'s; Err is the `struct.error` text.
/// Pure, so it can run under a buffer's lock.
fn start(offset: i64, len: usize, need: usize, what: &str) -> Result<usize, String> {
    let len_i = len as i64;
    if offset < 0 {
        if offset + len_i < 0 {
            return Err(format!(
                "offset {offset} out of range for {len}-byte buffer"
            ));
        }
        if offset + (need as i64) > 0 {
            return Err(if what == "unpack_from" {
                format!("not enough data to unpack {need} bytes at offset {offset}")
            } else {
                format!("no space to pack {need} bytes at offset {offset}")
            });
        }
        return Ok((offset + len_i) as usize);
    }
    if (len_i - offset) < need as i64 {
        let verb = if what == "unpack_from" {
            "unpacking"
        } else {
            "packing"
        };
        return Err(format!(
            "{what} requires a buffer of at least {} bytes for {verb} {need} bytes at offset \
             {offset} (actual buffer size is {len})",
            need as i128 + offset as i128
        ));
    }
    Ok(offset as usize)
}

fn offset_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<i64> {
    match v {
        None => Ok(0),
        Some(v) => match weft_vm::ops::containers::as_index(vm, v)? {
            Some(i) => Ok(i),
            None => {
                let tn = vm.type_name(v);
                Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
            }
        },
    }
}

/// `unpack_from(buffer, offset=0)` after the format: `args` are the arguments after it.
fn do_unpack_from(vm: &mut Vm, layout: &Layout, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    for (k, _) in kw {
        let k = as_str(k).unwrap_or("");
        if k != "buffer" && k != "offset" {
            return Err(vm.type_error(format!(
                "unpack_from() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    arg_count(vm, "unpack_from", args, 0, 2)?;
    let Some(buf) = args.first().copied().or_else(|| kwarg(kw, "buffer")) else {
        return Err(vm.type_error("unpack_from() missing required argument 'buffer' (pos 1)"));
    };
    let offset = offset_arg(vm, args.get(1).copied().or_else(|| kwarg(kw, "offset")))?;
    let data = read_buffer(vm, buf)?;
    let at = start(offset, data.len(), layout.size, "unpack_from")
        .map_err(|msg| struct_error(vm, &msg))?;
    unpack(vm, layout, &data[at..at + layout.size])
}

/// `pack_into(buffer, offset, *values)` after the format.
fn do_pack_into(vm: &mut Vm, layout: &Layout, args: &[Value]) -> PyResult {
    let Some(&buf) = args.first() else {
        return Err(struct_error(vm, "pack_into expected buffer argument"));
    };
    let Some(&off) = args.get(1) else {
        return Err(struct_error(vm, "pack_into expected offset argument"));
    };
    let values = &args[2..];
    if values.len() != layout.items {
        let msg = format!(
            "pack_into expected {} items for packing (got {})",
            layout.items,
            values.len()
        );
        return Err(struct_error(vm, &msg));
    }
    let writable =
        unwrap_base::<ByteArrayData>(&buf).is_some() || unwrap_base::<ArrayData>(&buf).is_some();
    if !writable {
        let tn = vm.type_name(buf);
        return Err(vm.type_error(format!(
            "argument must be read-write bytes-like object, not {tn}"
        )));
    }
    let offset = offset_arg(vm, Some(off))?;
    let bytes = pack(vm, layout, values)?;
    // The target's length is read and the bytes written under one lock (another thread
    // may resize a bytearray meanwhile); the error, if any, is made after releasing it.
    let write = |target: &mut Vec<u8>| -> Result<(), String> {
        let at = start(offset, target.len(), bytes.len(), "pack_into")?;
        target[at..at + bytes.len()].copy_from_slice(&bytes);
        Ok(())
    };
    let r = if let Some(b) = unwrap_base::<ByteArrayData>(&buf) {
        write(&mut b.0.lock())
    } else if let Some(a) = unwrap_base::<ArrayData>(&buf) {
        write(&mut a.data.lock())
    } else {
        Ok(())
    };
    r.map_err(|msg| struct_error(vm, &msg))?;
    Ok(Value::NONE)
}

fn do_iter_unpack(vm: &mut Vm, layout: &Layout, buf: Value) -> PyResult {
    if layout.size == 0 {
        return Err(struct_error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    let data = read_buffer(vm, buf)?;
    if data.len() % layout.size != 0 {
        let msg = format!(
            "iterative unpacking requires a buffer of a multiple of {} bytes",
            layout.size
        );
        return Err(struct_error(vm, &msg));
    }
    weft_vm::root_scope!(vm);
    (|| {
        let mut items = Vec::with_capacity(data.len() / layout.size);
        for chunk in data.chunks(layout.size) {
            let t = unpack(vm, layout, chunk)?;
            vm.root(t);
            items.push(t);
        }
        let list = vm.new_list(items)?;
        vm.root(list);
        vm.iter(list)
    })()
}

// ------------------------------------------------------------ module-level functions

/// The format argument of a module-level function, compiled.
fn format_arg(vm: &mut Vm, args: &[Value]) -> PyResult<Layout> {
    match args.first() {
        Some(&f) => compile(vm, f).map(|(_, l)| l),
        None => Err(vm.type_error("missing format argument")),
    }
}

fn m_pack(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let layout = format_arg(vm, args)?;
    do_pack(vm, &layout, &args[1..])
}

#[native(name = "unpack")]
fn m_unpack(vm: &mut Vm, format: Value, buffer: Value) -> PyResult {
    let (_, layout) = compile(vm, format)?;
    do_unpack(vm, &layout, buffer)
}

#[native(name = "calcsize")]
fn m_calcsize(vm: &mut Vm, format: Value) -> PyResult {
    let (_, layout) = compile(vm, format)?;
    vm.new_int(layout.size as i64)
}

fn m_pack_into(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let layout = format_arg(vm, args)?;
    do_pack_into(vm, &layout, &args[1..])
}

fn m_unpack_from(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let layout = format_arg(vm, args)?;
    do_unpack_from(vm, &layout, &args[1..], kw)
}

#[native(name = "iter_unpack")]
fn m_iter_unpack(vm: &mut Vm, format: Value, buffer: Value) -> PyResult {
    let (_, layout) = compile(vm, format)?;
    do_iter_unpack(vm, &layout, buffer)
}

/// Formats are not cached, so there is nothing to clear.
#[native(name = "_clearcache")]
fn m_clearcache(_vm: &mut Vm) -> PyResult {
    Ok(Value::NONE)
}

// ------------------------------------------------------------ Struct methods

#[native(name = "pack", owner = "_struct.Struct")]
fn s_pack(vm: &mut Vm, this: &StructData, #[varargs] values: &[Value]) -> PyResult {
    do_pack(vm, &this.layout, values)
}

#[native(name = "unpack", owner = "_struct.Struct")]
fn s_unpack(vm: &mut Vm, this: &StructData, buffer: Value) -> PyResult {
    do_unpack(vm, &this.layout, buffer)
}

#[native(name = "pack_into", owner = "_struct.Struct")]
fn s_pack_into(vm: &mut Vm, this: &StructData, #[varargs] args: &[Value]) -> PyResult {
    do_pack_into(vm, &this.layout, args)
}

/// Struct.unpack_from(buffer, offset=0): the arguments are checked by `do_unpack_from`.
#[native(name = "unpack_from", owner = "_struct.Struct")]
fn s_unpack_from(
    vm: &mut Vm,
    this: &StructData,
    #[varargs] args: &[Value],
    #[kwargs] kw: &[(Value, Value)],
) -> PyResult {
    do_unpack_from(vm, &this.layout, args, kw)
}

#[native(name = "iter_unpack", owner = "_struct.Struct")]
fn s_iter_unpack(vm: &mut Vm, this: &StructData, buffer: Value) -> PyResult {
    do_iter_unpack(vm, &this.layout, buffer)
}

#[native(name = "format", owner = "_struct.Struct")]
fn s_format(_vm: &mut Vm, this: &StructData) -> Value {
    this.format
}

#[native(name = "size", owner = "_struct.Struct")]
fn s_size(_vm: &mut Vm, this: &StructData) -> usize {
    this.layout.size
}
