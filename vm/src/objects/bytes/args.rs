//! Argument conversions shared by the `bytes`, `bytearray` and `array` natives: the
//! receiver, bytes-like arguments, byte values, sizes and indices, keyword parsing, and
//! fallible buffer allocation. None of these holds an object lock while it runs Python
//! code (`__index__`, iteration).
use crate::helpers::unwrap_base;
use crate::objects::bytes::{ByteArrayData, BytesData, buffer_bytes, is_bytes_or_bytearray};
use crate::objects::int::IntData;
use crate::ops::containers::as_index;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_traits::{Signed, ToPrimitive};
use std::borrow::Cow;

/// Buffers larger than this are refused with MemoryError before anything is allocated.
pub const MAX_BYTES: usize = 1 << 40;

/// CPython's `Py_ISSPACE` for bytes: space, \t, \n, \v, \f, \r.
pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// A MemoryError without a message (what CPython raises for absurd sizes).
pub fn memory_error(vm: &mut Vm) -> crate::vm::PyErr {
    let t = vm.rt.types.exc.memory_error;
    match crate::exceptions::make_exception(vm, t, &[]) {
        Ok(e) => crate::vm::PyErr(e),
        Err(e) => e,
    }
}

/// `n` zero bytes, or MemoryError (never aborts on a failed allocation).
pub fn zeroed(vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    if n > MAX_BYTES {
        return Err(memory_error(vm));
    }
    let layout = std::alloc::Layout::array::<u8>(n).map_err(|_| memory_error(vm))?;
    // SAFETY: non-zero size; a null result is handled; a block from the global allocator
    // with the layout of `[u8; n]` is exactly what `Vec::from_raw_parts` expects.
    unsafe {
        let p = std::alloc::alloc_zeroed(layout);
        if p.is_null() {
            return Err(memory_error(vm));
        }
        Ok(Vec::from_raw_parts(p, n, n))
    }
}

/// An empty vector with room for `cap` bytes, or MemoryError (never aborts).
pub fn try_vec(vm: &mut Vm, cap: usize) -> PyResult<Vec<u8>> {
    let mut v = Vec::new();
    if cap > MAX_BYTES || v.try_reserve_exact(cap).is_err() {
        return Err(memory_error(vm));
    }
    Ok(v)
}

/// `one` repeated `count` times, or MemoryError (never aborts).
/// `buf *= n` for a lock-protected byte buffer (bytearray, array), `g` its locked
/// contents: one critical section; n <= 0 empties it; MemoryError leaves it unchanged.
pub fn repeat_in_place(vm: &mut Vm, g: &mut Vec<u8>, n: i64) -> PyResult<()> {
    if n <= 0 {
        g.clear();
        return Ok(());
    }
    // Building the copy is no safepoint and runs no Python code: the lock may stay held.
    let r = repeat_bytes(vm, g, n as usize)?;
    *g = r;
    Ok(())
}

pub fn repeat_bytes(vm: &mut Vm, one: &[u8], count: usize) -> PyResult<Vec<u8>> {
    let total = repeat_size(vm, one.len(), count)?;
    let mut out = try_vec(vm, total)?;
    if total == 0 {
        return Ok(out);
    }
    out.extend_from_slice(one);
    while out.len() < total {
        let n = out.len().min(total - out.len());
        out.extend_from_within(..n);
    }
    Ok(out)
}

/// Make room for `extra` more bytes in `v`, or MemoryError.
pub fn reserve(vm: &mut Vm, v: &mut Vec<u8>, extra: usize) -> PyResult<()> {
    if v.len().saturating_add(extra) > MAX_BYTES || v.try_reserve(extra).is_err() {
        return Err(memory_error(vm));
    }
    Ok(())
}

/// `len * count` bytes, checked against MAX_BYTES (MemoryError past it).
pub fn repeat_size(vm: &mut Vm, len: usize, count: usize) -> PyResult<usize> {
    match len.checked_mul(count) {
        Some(n) if n <= MAX_BYTES => Ok(n),
        _ => Err(memory_error(vm)),
    }
}

/// Is the receiver (`args[0]`) a bytearray (or an instance of a bytearray subclass)?
pub fn recv_is_bytearray(args: &[Value]) -> bool {
    args.first()
        .is_some_and(|v| unwrap_base::<ByteArrayData>(v).is_some())
}

/// The receiver's bytes: borrowed from an immutable bytes, else a snapshot of the
/// bytearray taken under its lock.
/// The receiver of a method `bytes` and `bytearray` share: the object and its bytes
/// (borrowed from an immutable `bytes`, copied from a `bytearray`).
pub struct BytesSelf<'a> {
    pub obj: Value,
    pub data: Cow<'a, [u8]>,
}

impl<'a> BytesSelf<'a> {
    /// The receiver as a one-element argument slice (for `ret`, `ret_same`).
    pub fn args(&self) -> &[Value] {
        std::slice::from_ref(&self.obj)
    }
}

impl std::ops::Deref for BytesSelf<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.data
    }
}

impl<'a> crate::native::FromSelf<'a> for BytesSelf<'a> {
    fn from_self(vm: &mut Vm, args: &'a [Value], sig: &crate::native::Sig) -> PyResult<Self> {
        let data = this(vm, args, sig.name)?;
        Ok(BytesSelf { obj: args[0], data })
    }
}

pub fn this<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<Cow<'a, [u8]>> {
    if let Some(b) = args.first().and_then(unwrap_base::<BytesData>) {
        return Ok(Cow::Borrowed(&b.0));
    }
    match args.first() {
        Some(v) if is_bytes_or_bytearray(v) => Ok(Cow::Owned(buffer_bytes(v).unwrap_or_default())),
        Some(&v) => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'bytes' objects doesn't apply to a '{tn}' object"
            )))
        }
        None => Err(vm.type_error(format!("unbound method bytes.{name}() needs an argument"))),
    }
}

/// A new value of the receiver's kind: bytearray for a bytearray receiver, else bytes.
pub fn ret(vm: &mut Vm, args: &[Value], b: Vec<u8>) -> PyResult {
    if recv_is_bytearray(args) {
        vm.new_bytearray(b)
    } else {
        vm.new_bytes(b)
    }
}

/// Like `ret`, but an exact `bytes` receiver comes back itself when nothing changed
/// (CPython returns the same object, e.g. from `strip()` with nothing to strip).
pub fn ret_same(vm: &mut Vm, args: &[Value], b: &[u8], unchanged: bool) -> PyResult {
    if unchanged && args.first().is_some_and(|v| v.is::<BytesData>()) {
        return Ok(args[0]);
    }
    ret(vm, args, b.to_vec())
}

/// A bytes-like argument (bytes, bytearray, array.array), copied.
pub fn arg_bytes(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match buffer_bytes(&v) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// An integer argument converted with `__index__`; CPython's TypeError otherwise.
/// Big ints are returned saturated (callers that care use `ssize_arg`).
pub fn index_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(b) = unwrap_base::<IntData>(&v)
        && b.0.to_i64().is_none()
    {
        return Ok(if b.0.is_negative() {
            i64::MIN
        } else {
            i64::MAX
        });
    }
    match as_index(vm, v)? {
        Some(i) => Ok(i),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
        }
    }
}

/// A `Py_ssize_t` argument: ints beyond it raise OverflowError as CPython's converter does.
pub fn ssize_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(b) = unwrap_base::<IntData>(&v)
        && b.0.to_i64().is_none()
    {
        return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
    }
    index_arg(vm, v)
}

/// An integer value 0..=255 (via `__index__`), with CPython's messages.
pub fn byte_arg(vm: &mut Vm, v: Value) -> PyResult<u8> {
    let i = index_arg(vm, v)?;
    if (0..256).contains(&i) {
        Ok(i as u8)
    } else {
        Err(vm.value_error("byte must be in range(0, 256)"))
    }
}

/// Bytes from already-collected items (each an int 0..=255 via `__index__`). The items
/// are rooted while their `__index__` methods run. `range_msg` is the ValueError text.
pub fn ints_to_bytes(vm: &mut Vm, items: &[Value], range_msg: &str) -> PyResult<Vec<u8>> {
    crate::root_scope!(vm);
    vm.root_all(items);
    let mut out = Vec::with_capacity(items.len());
    let mut res = Ok(());
    for &x in items {
        let r = if let Some(i) = x.as_small_int() {
            Ok(i)
        } else {
            index_arg(vm, x)
        };
        match r {
            Ok(i) if (0..256).contains(&i) => out.push(i as u8),
            Ok(_) => {
                res = Err(vm.value_error(range_msg));
                break;
            }
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    res.map(|_| out)
}

/// A slice bound for find/count/startswith...: None, or an int via `__index__` (big ints
/// saturate).
pub fn bound_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::NONE) => Ok(None),
        Some(v) => {
            if let Some(b) = unwrap_base::<IntData>(&v)
                && b.0.to_i64().is_none()
            {
                return Ok(Some(if b.0.is_negative() {
                    i64::MIN
                } else {
                    i64::MAX
                }));
            }
            match as_index(vm, v)? {
                Some(i) => Ok(Some(i)),
                None => Err(vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            }
        }
    }
}

/// CPython's ADJUST_INDICES: clamp `[start, end)` to `len` (start may exceed `len`).
pub fn adjust(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let n = len as i64;
    let mut s = start.unwrap_or(0);
    let mut e = end.unwrap_or(n);
    if e > n {
        e = n;
    } else if e < 0 {
        e = (e + n).max(0);
    }
    if s < 0 {
        s = (s + n).max(0);
    }
    (s as usize, e as usize)
}
