//! `str.encode` and `bytes.decode` beyond their native fast paths.
//!
//! The natives handle UTF-8, ASCII and Latin-1 with the error handlers `strict`,
//! `ignore`, `replace`, `backslashreplace` (and `xmlcharrefreplace` when encoding). Any
//! other codec or error handler goes through the codec registry, as CPython's
//! `PyUnicode_AsEncodedString` / `PyUnicode_Decode` do: `_codecs._str_encode` and
//! `_codecs._bytes_decode` look the codec up (`codecs.register` search functions, the
//! `encodings` package), call it, and check that a text codec gave bytes / str back.
//! Kept apart from the str internals so the codec logic lives in `_codecs`.
use crate::helpers::as_str;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn call_codecs(vm: &mut Vm, func: &str, obj: Value, encoding: &str, errors: &str) -> PyResult {
    crate::root_scope!(vm);
    vm.root(obj);
    (|| {
        let m = vm.import_module("_codecs")?;
        let f = vm.with_root(m, |vm| vm.getattr_str(m, func));
        let f = f?;
        crate::root_scope!(vm);
        vm.root(f);
        (|| {
            let e = vm.new_str(encoding)?;
            crate::root_scope!(vm);
            vm.root(e);
            let er = vm.new_str(errors);
            match er {
                Ok(er) => vm.with_root(er, |vm| vm.call(f, &[obj, e, er], &[])),
                Err(x) => Err(x),
            }
        })()
    })()
}

/// Encode `text` with a codec or error handler the native path does not know.
pub fn encode(vm: &mut Vm, text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let t = vm.new_str(text)?;
    let b = call_codecs(vm, "_str_encode", t, encoding, errors)?;
    match crate::objects::bytes::buffer_bytes(&b) {
        Some(v) => Ok(v),
        None => Err(vm.type_error("encoder did not return bytes")),
    }
}

/// Decode `data` with a codec or error handler the native path does not know.
pub fn decode(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let d = vm.new_bytes(data.to_vec())?;
    let s = call_codecs(vm, "_bytes_decode", d, encoding, errors)?;
    match as_str(&s) {
        Some(v) => Ok(v.to_string()),
        None => Err(vm.type_error("decoder did not return str")),
    }
}
