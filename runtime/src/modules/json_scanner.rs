//! `_json.make_scanner(context)`: the JSON value scanner `json.decoder` uses for
//! `scan_once(string, idx) -> (value, end)`, raising StopIteration(idx) where no value
//! starts, and `json.decoder.JSONDecodeError` with CPython's messages and positions.
//! The context's hooks (object_hook, object_pairs_hook, parse_float, parse_int,
//! parse_constant) and `strict` are read once, when the scanner is made.
//!
//! The document is walked as UTF-8 bytes with the code-point index kept beside the byte
//! offset (positions reported to Python are code-point indices). Every value made is
//! rooted until the scan returns, since hooks run Python code.
use super::json::{decode_error, scan};
use super::{add_methods, new_native_type};
use num_bigint::BigInt;
use weft_vm::helpers::{as_int, unwrap_base};
use weft_vm::objects::builtin_fn::NativeFn;
use weft_vm::objects::list::ListData;
use weft_vm::objects::str::StrData;
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

#[derive(weft_vm::trace::Trace)]
pub struct ScannerData {
    strict: bool,
    object_hook: Value,
    object_pairs_hook: Value,
    /// None where the context's is the builtin float/int (parsed natively then).
    parse_float: Value,
    parse_int: Value,
    parse_constant: Value,
}
weft_vm::payload!(ScannerData, "_json.Scanner");

/// Make the scanner type; `make_scanner` is it (called with the context).
pub fn scanner_type(vm: &mut Vm) -> PyResult {
    let t = new_native_type(vm, "Scanner", "_json")?;
    vm.set_new(t, make_scanner);
    let methods: &[(&'static str, NativeFn)] = &[("__call__", call)];
    add_methods(vm, t, methods);
    Ok(t)
}

fn make_scanner(vm: &mut Vm, cls: Value, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let [ctx] = args else {
        return Err(vm.type_error(format!(
            "Scanner() takes exactly 1 argument ({} given)",
            args.len()
        )));
    };
    let ctx = *ctx;
    weft_vm::root_scope!(vm);
    let strict = vm.getattr_str(ctx, "strict")?;
    let strict = vm.truthy(strict)?;
    let hook = |vm: &mut Vm, name: &str| -> PyResult {
        let v = vm.getattr_str(ctx, name)?;
        Ok(vm.root(v))
    };
    let object_hook = hook(vm, "object_hook")?;
    let object_pairs_hook = hook(vm, "object_pairs_hook")?;
    let mut parse_float = hook(vm, "parse_float")?;
    let mut parse_int = hook(vm, "parse_int")?;
    let parse_constant = hook(vm, "parse_constant")?;
    if parse_float == vm.rt.types.float {
        parse_float = Value::NONE;
    }
    if parse_int == vm.rt.types.int {
        parse_int = Value::NONE;
    }
    vm.alloc(
        cls,
        ScannerData {
            strict,
            object_hook,
            object_pairs_hook,
            parse_float,
            parse_int,
            parse_constant,
        },
    )
}

/// One scan: the state of a `scan_once` call.
struct Scan<'a> {
    sc: &'a ScannerData,
    doc: Value,
    sd: &'a StrData,
    s: &'a [u8],
    /// Memo of object keys (equal keys share one str).
    memo: Value,
    depth: u32,
}

/// A place in the document: byte offset and code-point index.
#[derive(Clone, Copy)]
struct At {
    b: usize,
    c: usize,
}

impl At {
    fn step(self, n: usize) -> At {
        // Only ASCII bytes are stepped over with this.
        At {
            b: self.b + n,
            c: self.c + n,
        }
    }
}

fn call(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let Some(sc) = args.first().and_then(|v| v.downcast::<ScannerData>()) else {
        return Err(vm.type_error("descriptor '__call__' requires a '_json.Scanner' object"));
    };
    let (doc, idx) = match args {
        [_, d, i] => (*d, *i),
        _ => return Err(vm.type_error("scan_once() takes exactly 2 arguments")),
    };
    let Some(sd) = unwrap_base::<StrData>(&doc) else {
        let tn = vm.type_name(doc);
        return Err(vm.type_error(format!("first argument must be a string, not {tn}")));
    };
    let Some(idx) = as_int(idx) else {
        return Err(vm.type_error("idx must be an integer"));
    };
    if idx < 0 {
        return Err(vm.value_error("idx cannot be negative"));
    }
    weft_vm::root_scope!(vm);
    let memo = vm.new_dict()?;
    vm.root(memo);
    let mut st = Scan {
        sc,
        doc,
        sd,
        s: sd.as_str().as_bytes(),
        memo,
        depth: 0,
    };
    let idx = idx as usize;
    if idx >= sd.chars() {
        return Err(stop(vm, idx));
    }
    let b = if sd.is_ascii() {
        idx
    } else {
        sd.as_str()
            .char_indices()
            .nth(idx)
            .map_or(st.s.len(), |(b, _)| b)
    };
    let (v, end) = st.value(vm, At { b, c: idx })?;
    let e = vm.new_int(end.c as i64)?;
    vm.new_tuple(vec![v, e])
}

/// StopIteration(idx): no value starts there.
fn stop(vm: &mut Vm, idx: usize) -> PyErr {
    let t = vm.rt.types.exc.stop_iteration;
    match vm.new_int(idx as i64).and_then(|i| vm.call(t, &[i], &[])) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

impl Scan<'_> {
    fn byte(&self, at: At) -> Option<u8> {
        self.s.get(at.b).copied()
    }

    fn skip_ws(&self, mut at: At) -> At {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.byte(at) {
            at = at.step(1);
        }
        at
    }

    fn starts(&self, at: At, word: &str) -> bool {
        self.s[at.b..].starts_with(word.as_bytes())
    }

    fn err(&self, vm: &mut Vm, msg: &str, at: At) -> PyErr {
        decode_error(vm, msg, self.doc, at.c)
    }

    /// The value starting at `at`, and where it ends.
    fn value(&mut self, vm: &mut Vm, at: At) -> PyResult<(Value, At)> {
        let Some(ch) = self.byte(at) else {
            return Err(stop(vm, at.c));
        };
        let (v, end) = match ch {
            b'"' => self.string(vm, at.step(1))?,
            b'{' => self.nested(vm, at, true)?,
            b'[' => self.nested(vm, at, false)?,
            b'n' if self.starts(at, "null") => (Value::NONE, at.step(4)),
            b't' if self.starts(at, "true") => (Value::TRUE, at.step(4)),
            b'f' if self.starts(at, "false") => (Value::FALSE, at.step(5)),
            b'N' if self.starts(at, "NaN") => self.constant(vm, "NaN", at)?,
            b'I' if self.starts(at, "Infinity") => self.constant(vm, "Infinity", at)?,
            b'-' if self.starts(at, "-Infinity") => self.constant(vm, "-Infinity", at)?,
            _ => self.number(vm, at)?,
        };
        Ok((vm.root(v), end))
    }

    fn string(&mut self, vm: &mut Vm, at: At) -> PyResult<(Value, At)> {
        match scan(self.sd, at.c, at.b, self.sc.strict) {
            Ok((t, _, c, b)) => Ok((vm.new_str_wtf8(&t)?, At { b, c })),
            Err((msg, pos)) => Err(decode_error(vm, msg, self.doc, pos)),
        }
    }

    fn constant(&mut self, vm: &mut Vm, name: &str, at: At) -> PyResult<(Value, At)> {
        let s = vm.new_str(name)?;
        vm.root(s);
        let v = vm.call(self.sc.parse_constant, &[s], &[])?;
        Ok((v, at.step(name.len())))
    }

    /// An object (`{`) or array (`[`) at `at`, with CPython's recursion limit.
    fn nested(&mut self, vm: &mut Vm, at: At, object: bool) -> PyResult<(Value, At)> {
        self.depth += 1;
        if self.depth > vm.recursion_limit {
            let what = if object { "object" } else { "array" };
            let t = vm.rt.types.exc.recursion_error;
            return Err(vm.new_exception(
                t,
                &format!("maximum recursion depth exceeded while decoding a JSON {what} from a unicode string"),
            ));
        }
        let r = if object {
            self.object(vm, at.step(1))
        } else {
            self.array(vm, at.step(1))
        };
        self.depth -= 1;
        r
    }

    fn array(&mut self, vm: &mut Vm, at: At) -> PyResult<(Value, At)> {
        let list = vm.new_list(vec![])?;
        vm.root(list);
        let mut at = self.skip_ws(at);
        if self.byte(at) == Some(b']') {
            return Ok((list, at.step(1)));
        }
        loop {
            let (v, end) = self.value(vm, at)?;
            list.downcast::<ListData>().expect("list").push(v);
            at = self.skip_ws(end);
            match self.byte(at) {
                Some(b']') => return Ok((list, at.step(1))),
                Some(b',') => at = self.skip_ws(at.step(1)),
                _ => return Err(self.err(vm, "Expecting ',' delimiter", at)),
            }
        }
    }

    fn object(&mut self, vm: &mut Vm, at: At) -> PyResult<(Value, At)> {
        let pairs_hook = !self.sc.object_pairs_hook.is_none();
        let mut pairs = Vec::new();
        let dict = vm.new_dict()?;
        vm.root(dict);
        let mut at = self.skip_ws(at);
        let end = if self.byte(at) == Some(b'}') {
            at.step(1)
        } else {
            loop {
                if self.byte(at) != Some(b'"') {
                    let m = "Expecting property name enclosed in double quotes";
                    return Err(self.err(vm, m, at));
                }
                let (k, after) = self.string(vm, at.step(1))?;
                let key = self.memo_key(vm, k)?;
                at = self.skip_ws(after);
                if self.byte(at) != Some(b':') {
                    return Err(self.err(vm, "Expecting ':' delimiter", at));
                }
                at = self.skip_ws(at.step(1));
                let (v, after) = self.value(vm, at)?;
                if pairs_hook {
                    let t = vm.new_tuple(vec![key, v])?;
                    pairs.push(vm.root(t));
                } else {
                    vm.dict_set(dict, key, v)?;
                }
                at = self.skip_ws(after);
                match self.byte(at) {
                    Some(b'}') => break at.step(1),
                    Some(b',') => at = self.skip_ws(at.step(1)),
                    _ => return Err(self.err(vm, "Expecting ',' delimiter", at)),
                }
            }
        };
        if pairs_hook {
            let l = vm.new_list(pairs)?;
            vm.root(l);
            let v = vm.call(self.sc.object_pairs_hook, &[l], &[])?;
            return Ok((v, end));
        }
        if !self.sc.object_hook.is_none() {
            let v = vm.call(self.sc.object_hook, &[dict], &[])?;
            return Ok((v, end));
        }
        Ok((dict, end))
    }

    /// The memo's str equal to `k` (so repeated keys share one object).
    fn memo_key(&mut self, vm: &mut Vm, k: Value) -> PyResult {
        vm.root(k);
        if let Some(old) = vm.dict_get(self.memo, k)? {
            return Ok(old);
        }
        vm.dict_set(self.memo, k, k)?;
        Ok(k)
    }

    /// A number at `at` (CPython's grammar: no leading zeros, optional fraction and
    /// exponent), or StopIteration where none starts.
    fn number(&mut self, vm: &mut Vm, start: At) -> PyResult<(Value, At)> {
        let s = self.s;
        let digit = |i: usize| s.get(i).is_some_and(u8::is_ascii_digit);
        let mut i = start.b;
        if s.get(i) == Some(&b'-') {
            i += 1;
        }
        match s.get(i) {
            Some(b'1'..=b'9') => {
                i += 1;
                while digit(i) {
                    i += 1;
                }
            }
            Some(b'0') => i += 1,
            _ => return Err(stop(vm, start.c)),
        }
        let mut float = false;
        if s.get(i) == Some(&b'.') && digit(i + 1) {
            float = true;
            i += 2;
            while digit(i) {
                i += 1;
            }
        }
        if matches!(s.get(i), Some(b'e' | b'E')) {
            let mut j = i + 1;
            if matches!(s.get(j), Some(b'-' | b'+')) {
                j += 1;
            }
            let d0 = j;
            while digit(j) {
                j += 1;
            }
            if j > d0 {
                float = true;
                i = j;
            }
        }
        let text = std::str::from_utf8(&s[start.b..i]).unwrap_or("0");
        let end = start.step(i - start.b);
        let hook = if float {
            self.sc.parse_float
        } else {
            self.sc.parse_int
        };
        if !hook.is_none() {
            let t = vm.new_str(text)?;
            vm.root(t);
            return Ok((vm.call(hook, &[t], &[])?, end));
        }
        let v = if float {
            vm.new_float(text.parse::<f64>().unwrap_or(f64::NAN))?
        } else if let Ok(n) = text.parse::<i64>() {
            vm.new_int(n)?
        } else {
            let digits = text.trim_start_matches('-').len();
            weft_vm::objects::int::check_parse_digits(vm, digits, 10)?;
            let big: BigInt = text.parse().unwrap_or_default();
            vm.new_bigint(big)?
        };
        Ok((v, end))
    }
}
