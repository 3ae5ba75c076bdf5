//! `_json.make_encoder(markers, default, encoder, indent, key_separator,
//! item_separator, sort_keys, skipkeys, allow_nan)`: the one-shot encoder
//! `json.JSONEncoder.encode` uses when there is no indent. Calling it with
//! `(obj, indent_level)` returns a 1-tuple holding the whole JSON text.
//!
//! As CPython's: str (and subclasses) through `encoder` (natively when it is one of the
//! `_json` string encoders), ints and floats by int's and float's own repr, lists and
//! tuples, dicts (keys: str, float, bool, None, int; others skipped or TypeError),
//! anything else through `default`; circular containers are caught when `markers` is
//! not None; recursion is bounded by the interpreter's limit.
use super::json::{encode_basestring, encode_basestring_ascii, escape_into};
use super::{add_methods, new_native_type};
use std::collections::HashSet;
use weft_vm::helpers::{as_bigint, as_str, unwrap_base};
use weft_vm::objects::builtin_fn::{BuiltinFn, NativeFn};
use weft_vm::objects::dict::DictData;
use weft_vm::objects::list::ListData;
use weft_vm::objects::str::StrData;
use weft_vm::objects::tuple::TupleData;
use weft_vm::ops::number_format::float_repr;
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

#[derive(weft_vm::trace::Trace)]
pub struct EncoderData {
    check_circular: bool,
    default: Value,
    encoder: Value,
    key_separator: Value,
    item_separator: Value,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
}
weft_vm::payload!(EncoderData, "_json.Encoder");

/// Make the encoder type; `make_encoder` is it.
pub fn encoder_type(vm: &mut Vm) -> PyResult {
    let t = new_native_type(vm, "Encoder", "_json")?;
    vm.set_new(t, make_encoder);
    let methods: &[(&'static str, NativeFn)] = &[("__call__", call)];
    add_methods(vm, t, methods);
    Ok(t)
}

fn make_encoder(vm: &mut Vm, cls: Value, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let [
        markers,
        default,
        encoder,
        _indent,
        ksep,
        isep,
        sort_keys,
        skipkeys,
        allow_nan,
    ] = args
    else {
        return Err(vm.type_error(format!(
            "Encoder() takes exactly 9 arguments ({} given)",
            args.len()
        )));
    };
    if !markers.is_none() && markers.downcast::<DictData>().is_none() {
        let tn = vm.type_name(*markers);
        return Err(vm.type_error(format!(
            "make_encoder() argument 1 must be dict or None, not {tn}"
        )));
    }
    for (v, what) in [(ksep, "key_separator"), (isep, "item_separator")] {
        if as_str(v).is_none() {
            let tn = vm.type_name(*v);
            return Err(vm.type_error(format!(
                "make_encoder() argument {what} must be str, not {tn}"
            )));
        }
    }
    let (sort_keys, skipkeys, allow_nan) = (
        vm.truthy(*sort_keys)?,
        vm.truthy(*skipkeys)?,
        vm.truthy(*allow_nan)?,
    );
    vm.alloc(
        cls,
        EncoderData {
            check_circular: !markers.is_none(),
            default: *default,
            encoder: *encoder,
            key_separator: *ksep,
            item_separator: *isep,
            sort_keys,
            skipkeys,
            allow_nan,
        },
    )
}

/// How `encoder` encodes strings.
#[derive(Clone, Copy)]
enum StrMode {
    Ascii,
    Unicode,
    /// A Python function.
    Call,
}

struct Enc<'a> {
    e: &'a EncoderData,
    mode: StrMode,
    out: String,
    /// Where `out` holds the lossy text of a str with lone surrogates (ensure_ascii
    /// off): its offset and the exact bytes, of the same length, that replace it.
    exact: Vec<(usize, Vec<u8>)>,
    /// Containers being encoded (by address), when checking for cycles.
    open: HashSet<usize>,
    depth: u32,
}

fn call(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let Some(e) = args.first().and_then(|v| v.downcast::<EncoderData>()) else {
        return Err(vm.type_error("descriptor '__call__' requires a '_json.Encoder' object"));
    };
    let Some(&obj) = args.get(1) else {
        return Err(vm.type_error("Encoder.__call__() missing required argument 'obj'"));
    };
    let mode = match e.encoder.downcast::<BuiltinFn>().map(|b| b.f as usize) {
        Some(f) if f == encode_basestring_ascii as NativeFn as usize => StrMode::Ascii,
        Some(f) if f == encode_basestring as NativeFn as usize => StrMode::Unicode,
        _ => StrMode::Call,
    };
    let mut enc = Enc {
        e,
        mode,
        out: String::new(),
        exact: Vec::new(),
        open: HashSet::new(),
        depth: 0,
    };
    enc.obj(vm, obj)?;
    let s = if enc.exact.is_empty() {
        vm.new_str(&enc.out)?
    } else {
        let mut b = std::mem::take(&mut enc.out).into_bytes();
        for (at, x) in &enc.exact {
            b[*at..*at + x.len()].copy_from_slice(x);
        }
        vm.new_str_wtf8(&b)?
    };
    vm.new_tuple(vec![s])
}

fn value_error(vm: &mut Vm, msg: &str) -> PyErr {
    vm.value_error(msg)
}

impl Enc<'_> {
    fn string(&mut self, vm: &mut Vm, v: Value, s: &str) -> PyResult<()> {
        match self.mode {
            StrMode::Ascii | StrMode::Unicode => {
                let ascii = matches!(self.mode, StrMode::Ascii);
                self.out.push('"');
                match unwrap_base::<StrData>(&v) {
                    Some(sd) if ascii && sd.has_surrogates() => {
                        super::json::escape_exact_ascii(&mut self.out, sd)
                    }
                    Some(sd) if sd.has_surrogates() => {
                        let at = self.out.len();
                        escape_into(&mut self.out, s, false);
                        let x = super::json::escape_exact_unicode(sd);
                        debug_assert_eq!(x.len(), self.out.len() - at);
                        if x.len() == self.out.len() - at {
                            self.exact.push((at, x));
                        }
                    }
                    _ => escape_into(&mut self.out, s, ascii),
                }
                self.out.push('"');
            }
            StrMode::Call => {
                let r = vm.call(self.e.encoder, &[v], &[])?;
                match as_str(&r) {
                    Some(t) => self.out.push_str(t),
                    None => {
                        let tn = vm.type_name(r);
                        return Err(
                            vm.type_error(format!("encoder() must return a string, not {tn}"))
                        );
                    }
                }
            }
        }
        Ok(())
    }

    /// A float as JSON (NaN and the infinities only when allowed).
    fn float(&self, vm: &mut Vm, f: f64) -> PyResult<String> {
        if f.is_finite() {
            return Ok(float_repr(f));
        }
        if !self.e.allow_nan {
            return Err(value_error(
                vm,
                "Out of range float values are not JSON compliant",
            ));
        }
        Ok(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_string())
    }

    fn obj(&mut self, vm: &mut Vm, v: Value) -> PyResult<()> {
        let constant = match v {
            Value::NONE => "null",
            Value::TRUE => "true",
            Value::FALSE => "false",
            _ => "",
        };
        if !constant.is_empty() {
            self.out.push_str(constant);
            return Ok(());
        }
        if let Some(s) = unwrap_base::<StrData>(&v) {
            return self.string(vm, v, s.as_str());
        }
        if let Some(i) = v.as_small_int() {
            self.out.push_str(&i.to_string());
            return Ok(());
        }
        if let Some(b) = as_bigint(v) {
            self.out.push_str(&b.to_string());
            return Ok(());
        }
        if let Some(f) = weft_vm::objects::float::float_base_of(v) {
            let t = self.float(vm, f)?;
            self.out.push_str(&t);
            return Ok(());
        }
        if unwrap_base::<ListData>(&v).is_some() {
            return self.nested(vm, v, |enc, vm| enc.list(vm, v));
        }
        if let Some(t) = unwrap_base::<TupleData>(&v) {
            let items = t.0.to_vec();
            return self.nested(vm, v, |enc, vm| enc.sequence(vm, &items));
        }
        if unwrap_base::<DictData>(&v).is_some() {
            // A dict subclass instance keeps its items in its built-in base.
            let d = weft_vm::ops::protocol::base_or_self(v);
            return self.nested(vm, v, |enc, vm| enc.dict(vm, d));
        }
        // Anything else: what `default` makes of it.
        self.nested(vm, v, |enc, vm| {
            let r = vm.call(enc.e.default, &[v], &[])?;
            weft_vm::root_scope!(vm);
            vm.root(r);
            enc.obj(vm, r)
        })
    }

    /// Encode a container (or `default`'s stand-in for `v`) with `v` marked open and the
    /// depth counted.
    fn nested(
        &mut self,
        vm: &mut Vm,
        v: Value,
        f: impl FnOnce(&mut Self, &mut Vm) -> PyResult<()>,
    ) -> PyResult<()> {
        let id = v.id() as usize;
        if self.e.check_circular && !self.open.insert(id) {
            return Err(value_error(vm, "Circular reference detected"));
        }
        self.depth += 1;
        if self.depth > vm.recursion_limit {
            let t = vm.rt.types.exc.recursion_error;
            return Err(vm.new_exception(
                t,
                "maximum recursion depth exceeded while encoding a JSON object",
            ));
        }
        let r = f(self, vm);
        self.depth -= 1;
        if self.e.check_circular {
            self.open.remove(&id);
        }
        r
    }

    fn separator(&mut self, which: Value) {
        if let Some(s) = as_str(&which) {
            self.out.push_str(s);
        }
    }

    /// A list, read by index as it goes (as CPython's encoder: `default` may shorten it).
    fn list(&mut self, vm: &mut Vm, v: Value) -> PyResult<()> {
        self.out.push('[');
        let mut i = 0;
        while let Some(x) = unwrap_base::<ListData>(&v).and_then(|l| l.get(i)) {
            if i > 0 {
                self.separator(self.e.item_separator);
            }
            weft_vm::root_scope!(vm);
            vm.root(x);
            self.obj(vm, x)?;
            i += 1;
        }
        self.out.push(']');
        Ok(())
    }

    fn sequence(&mut self, vm: &mut Vm, items: &[Value]) -> PyResult<()> {
        weft_vm::root_scope!(vm);
        vm.root_all(items);
        self.out.push('[');
        for (i, &x) in items.iter().enumerate() {
            if i > 0 {
                self.separator(self.e.item_separator);
            }
            self.obj(vm, x)?;
        }
        self.out.push(']');
        Ok(())
    }

    fn dict(&mut self, vm: &mut Vm, d: Value) -> PyResult<()> {
        weft_vm::root_scope!(vm);
        let mut items = vm.dict_items(d);
        for &(k, x) in &items {
            vm.root(k);
            vm.root(x);
        }
        if items.is_empty() {
            self.out.push_str("{}");
            return Ok(());
        }
        if self.e.sort_keys {
            sort_pairs(vm, &mut items)?;
        }
        self.out.push('{');
        let mut first = true;
        for (k, x) in items {
            let key = match k {
                Value::TRUE => "true".to_string(),
                Value::FALSE => "false".to_string(),
                Value::NONE => "null".to_string(),
                _ => {
                    if let Some(s) = unwrap_base::<StrData>(&k) {
                        s.as_str().to_string()
                    } else if let Some(f) = weft_vm::objects::float::float_base_of(k) {
                        self.float(vm, f)?
                    } else if let Some(b) = as_bigint(k) {
                        b.to_string()
                    } else if self.e.skipkeys {
                        continue;
                    } else {
                        let tn = vm.type_name(k);
                        return Err(vm.type_error(format!(
                            "keys must be str, int, float, bool or None, not {tn}"
                        )));
                    }
                }
            };
            if !first {
                self.separator(self.e.item_separator);
            }
            first = false;
            let ks = if unwrap_base::<StrData>(&k).is_some() {
                k
            } else {
                let s = vm.new_str(&key)?;
                vm.root(s)
            };
            self.string(vm, ks, &key)?;
            self.separator(self.e.key_separator);
            self.obj(vm, x)?;
        }
        self.out.push('}');
        Ok(())
    }
}

/// Sort (key, value) pairs by key as Python's `sorted` would (TypeError for keys that do
/// not compare).
fn sort_pairs(vm: &mut Vm, items: &mut Vec<(Value, Value)>) -> PyResult<()> {
    // All str keys (the usual case): code-point order is UTF-8 byte order.
    if items.iter().all(|(k, _)| k.downcast::<StrData>().is_some()) {
        fn key(v: &Value) -> &str {
            v.downcast::<StrData>().map_or("", |s| s.as_str())
        }
        items.sort_by(|a, b| key(&a.0).cmp(key(&b.0)));
        return Ok(());
    }
    let mut err: Option<PyErr> = None;
    // Insertion into a sorted prefix: comparisons may run Python code and fail.
    let mut sorted: Vec<(Value, Value)> = Vec::with_capacity(items.len());
    for &(k, x) in items.iter() {
        let mut lo = 0;
        let mut hi = sorted.len();
        while lo < hi {
            let mid = (lo + hi) / 2;
            match vm.lt(k, sorted[mid].0) {
                Ok(true) => hi = mid,
                Ok(false) => lo = mid + 1,
                Err(e) => {
                    err = Some(e);
                    break;
                }
            }
        }
        if let Some(e) = err {
            return Err(e);
        }
        sorted.insert(lo, (k, x));
    }
    *items = sorted;
    Ok(())
}
