//! Splitting `bytes` and `bytearray`: split, rsplit, splitlines, partition, rpartition.
//! The parts have the receiver's kind.
use crate::native;
use crate::objects::bytes::BytesData;
use crate::objects::bytes::args::{BytesSelf, arg_bytes, is_space, ret, ssize_arg};
use crate::objects::bytes::methods::find_sub;
use crate::objects::list::ListData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Build a list of parts (each of the receiver's kind). An exact bytes receiver that was
/// not split at all appears itself, as in CPython.
fn parts_list(vm: &mut Vm, args: &[Value], parts: Vec<&[u8]>, whole: bool) -> PyResult {
    let list = vm.new_list(Vec::with_capacity(parts.len()))?;
    crate::root_scope!(vm);
    vm.root(list);
    let l = list.downcast::<ListData>().expect("list");
    for p in parts {
        let v = if whole && args[0].is::<BytesData>() {
            args[0]
        } else {
            ret(vm, args, p.to_vec())?
        };
        l.push(v);
    }
    Ok(list)
}

/// Split on runs of whitespace, at most `max` times, from the left or the right.
fn split_whitespace(b: &[u8], max: usize, rev: bool) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    if !rev {
        let mut i = 0;
        let n = b.len();
        while parts.len() < max {
            while i < n && is_space(b[i]) {
                i += 1;
            }
            if i == n {
                return parts;
            }
            let s = i;
            while i < n && !is_space(b[i]) {
                i += 1;
            }
            parts.push(&b[s..i]);
        }
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i < b.len() {
            parts.push(&b[i..]);
        }
    } else {
        let mut i = b.len();
        while parts.len() < max {
            while i > 0 && is_space(b[i - 1]) {
                i -= 1;
            }
            if i == 0 {
                parts.reverse();
                return parts;
            }
            let e = i;
            while i > 0 && !is_space(b[i - 1]) {
                i -= 1;
            }
            parts.push(&b[i..e]);
        }
        while i > 0 && is_space(b[i - 1]) {
            i -= 1;
        }
        if i > 0 {
            parts.push(&b[..i]);
        }
        parts.reverse();
    }
    parts
}

/// Split on `sep` (non-empty), at most `max` times, from the left or the right.
fn split_on<'a>(b: &'a [u8], sep: &[u8], max: usize, rev: bool) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    if !rev {
        let mut start = 0;
        while parts.len() < max {
            match find_sub(b, sep, start, b.len(), false) {
                Some(j) => {
                    parts.push(&b[start..j]);
                    start = j + sep.len();
                }
                None => break,
            }
        }
        parts.push(&b[start..]);
    } else {
        let mut end = b.len();
        while parts.len() < max {
            match find_sub(b, sep, 0, end, true) {
                Some(j) => {
                    parts.push(&b[j + sep.len()..end]);
                    end = j;
                }
                None => break,
            }
        }
        parts.push(&b[..end]);
        parts.reverse();
    }
    parts
}

fn split_common(
    vm: &mut Vm,
    this: &BytesSelf,
    sep: Option<Value>,
    maxsplit: Option<Value>,
    rev: bool,
) -> PyResult {
    let (b, args) = (&this.data, this.args());
    let max = match maxsplit {
        None => usize::MAX,
        Some(v) => match ssize_arg(vm, v)? {
            m if m < 0 => usize::MAX,
            m => m as usize,
        },
    };
    let parts = match sep {
        None | Some(Value::NONE) => split_whitespace(b, max, rev),
        Some(sv) => {
            let sep = arg_bytes(vm, sv)?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            split_on(b, &sep, max, rev)
        }
    };
    let whole = parts.len() == 1 && parts[0].len() == b.len();
    parts_list(vm, args, parts, whole)
}

/// B.split(sep=None, maxsplit=-1)
#[native(name = "split", owner = "bytes")]
pub fn b_split(
    vm: &mut Vm,
    this: BytesSelf,
    #[kw] sep: Option<Value>,
    #[kw] maxsplit: Option<Value>,
) -> PyResult {
    split_common(vm, &this, sep, maxsplit, false)
}
/// B.rsplit(sep=None, maxsplit=-1)
#[native(name = "rsplit", owner = "bytes")]
pub fn b_rsplit(
    vm: &mut Vm,
    this: BytesSelf,
    #[kw] sep: Option<Value>,
    #[kw] maxsplit: Option<Value>,
) -> PyResult {
    split_common(vm, &this, sep, maxsplit, true)
}

/// B.splitlines(keepends=False)
#[native(name = "splitlines", owner = "bytes")]
pub fn b_splitlines(vm: &mut Vm, this: BytesSelf, #[kw] keepends: Option<bool>) -> PyResult {
    let (b, args) = (&this.data, this.args());
    let keep = keepends.unwrap_or(false);
    let mut parts = Vec::new();
    let mut i = 0;
    let n = b.len();
    while i < n {
        let s = i;
        while i < n && b[i] != b'\n' && b[i] != b'\r' {
            i += 1;
        }
        let mut e = i;
        if i < n {
            if b[i] == b'\r' && i + 1 < n && b[i + 1] == b'\n' {
                i += 2;
            } else {
                i += 1;
            }
            if keep {
                e = i;
            }
        }
        parts.push(&b[s..e]);
    }
    let whole = parts.len() == 1 && parts[0].len() == b.len();
    parts_list(vm, args, parts, whole)
}

fn partition_common(vm: &mut Vm, this: &BytesSelf, sep: Value, rev: bool) -> PyResult {
    let (b, args) = (&this.data, this.args());
    let sep = arg_bytes(vm, sep)?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = find_sub(b, &sep, 0, b.len(), rev);
    let (x, y, z): (&[u8], &[u8], &[u8]) = match found {
        Some(j) => (&b[..j], &sep, &b[j + sep.len()..]),
        None if rev => (&[], &[], b),
        None => (b, &[], &[]),
    };
    crate::root_scope!(vm);
    let mut items = Vec::with_capacity(3);
    for (k, part) in [x, y, z].into_iter().enumerate() {
        // The unsplit receiver itself (exact bytes) where CPython returns it.
        let whole = found.is_none() && k == if rev { 2 } else { 0 };
        let v = if whole && args[0].is::<BytesData>() {
            args[0]
        } else {
            ret(vm, args, part.to_vec())?
        };
        vm.root(v);
        items.push(v);
    }
    vm.new_tuple(items)
}

#[native(name = "partition", owner = "bytes")]
pub fn b_partition(vm: &mut Vm, this: BytesSelf, sep: Value) -> PyResult {
    partition_common(vm, &this, sep, false)
}
#[native(name = "rpartition", owner = "bytes")]
pub fn b_rpartition(vm: &mut Vm, this: BytesSelf, sep: Value) -> PyResult {
    partition_common(vm, &this, sep, true)
}
