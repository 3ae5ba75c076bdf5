//! Hashing, equality, ordering and truth.
use crate::bytecode::CmpOp;
use crate::helpers::{as_bigint, as_f64, as_int, is_float, is_int};
use crate::objects::bytes::BytesData;
use crate::objects::int::IntData;
use crate::objects::str::StrData;
use crate::objects::tuple::TupleData;
use crate::ops::num_hash::{hash_f64, hash_i64, hash_int_bigint};
use crate::types::{lookup_in_mro, type_data};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cmp::Ordering;

fn op_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
    }
}

fn dunder(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "__lt__",
        CmpOp::Le => "__le__",
        CmpOp::Eq => "__eq__",
        CmpOp::Ne => "__ne__",
        CmpOp::Gt => "__gt__",
        CmpOp::Ge => "__ge__",
    }
}

fn swapped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        o => o,
    }
}

fn apply(ord: Option<Ordering>, op: CmpOp) -> bool {
    match ord {
        None => op == CmpOp::Ne,
        Some(o) => match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
        },
    }
}

/// Numeric ordering of two ints/floats/bools (None if either is NaN). Exact for any
/// magnitude: an int is never rounded to a float to be compared with one.
fn num_cmp(a: Value, b: Value) -> Option<Option<Ordering>> {
    if !(is_int(a) || is_float(a)) || !(is_int(b) || is_float(b)) {
        return None;
    }
    if let (Some(x), Some(y)) = (as_int(a), as_int(b)) {
        return Some(Some(x.cmp(&y)));
    }
    match (is_int(a), is_int(b)) {
        (true, true) => Some(Some(as_bigint(a)?.cmp(&as_bigint(b)?))),
        (true, false) => Some(int_float_cmp(&as_bigint(a)?, as_f64(b)?)),
        (false, true) => Some(int_float_cmp(&as_bigint(b)?, as_f64(a)?).map(Ordering::reverse)),
        (false, false) => Some(as_f64(a)?.partial_cmp(&as_f64(b)?)),
    }
}

/// The exact ordering of an int and a float (None if the float is NaN).
pub fn int_float_cmp(i: &num_bigint::BigInt, f: f64) -> Option<Ordering> {
    use num_traits::FromPrimitive;
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    // Every float this large or larger is an integer; below it both fit in i64 exactly
    // (for the float's integral part).
    let t = f.trunc();
    let tb = num_bigint::BigInt::from_f64(t)?;
    match i.cmp(&tb) {
        Ordering::Equal => {
            let frac = f - t;
            Some(if frac > 0.0 {
                Ordering::Less
            } else if frac < 0.0 {
                Ordering::Greater
            } else {
                Ordering::Equal
            })
        }
        o => Some(o),
    }
}

/// A value as far as equality without Python code is concerned.
enum Plain<'a> {
    Int(i64),
    Float(f64),
    /// The exact text (surrogates included).
    Str(&'a [u8]),
    None,
}

fn plain(v: &Value) -> Option<Plain<'_>> {
    if let Some(i) = v.as_small_int() {
        return Some(Plain::Int(i));
    }
    match *v {
        Value::TRUE => return Some(Plain::Int(1)),
        Value::FALSE => return Some(Plain::Int(0)),
        Value::NONE => return Some(Plain::None),
        _ => {}
    }
    if let Some(f) = crate::objects::float::float_of(*v) {
        return Some(Plain::Float(f));
    }
    crate::helpers::as_wtf8(v).map(Plain::Str)
}

/// `a == b` (identity first, as list and dict lookups do) when it can be decided
/// without running Python code: identical objects, and pairs of small ints, bools,
/// floats, strs and None. `None` when a Python `__eq__` might be involved. Safe to call
/// while holding an object lock (DESIGN.md invariant 3).
pub fn native_eq(a: Value, b: Value) -> Option<bool> {
    if a == b {
        return Some(true);
    }
    // Two strs (dict keys, the common case): length, then bytes.
    if let (Some(x), Some(y)) = (a.downcast::<StrData>(), b.downcast::<StrData>()) {
        return Some(x.text_eq(y));
    }
    const EXACT: i64 = 1 << 53;
    Some(match (plain(&a)?, plain(&b)?) {
        (Plain::Int(x), Plain::Int(y)) => x == y,
        (Plain::Int(i), Plain::Float(f)) | (Plain::Float(f), Plain::Int(i)) => {
            if i.abs() > EXACT {
                return Some(
                    int_float_cmp(&num_bigint::BigInt::from(i), f) == Some(Ordering::Equal),
                );
            }
            i as f64 == f
        }
        (Plain::Float(x), Plain::Float(y)) => x == y,
        (Plain::Str(x), Plain::Str(y)) => x == y,
        (Plain::None, Plain::None) => true,
        _ => false,
    })
}

impl Vm {
    /// `hash(v)`.
    #[inline]
    pub fn hash(&mut self, v: Value) -> PyResult<i64> {
        // The common keys first: str, then small int, before the general int test.
        if let Some(s) = v.downcast::<StrData>() {
            return Ok(s.hash());
        }
        if let Some(i) = v.as_small_int() {
            return Ok(hash_i64(i));
        }
        self.hash_other(v)
    }

    #[inline(never)]
    fn hash_other(&mut self, v: Value) -> PyResult<i64> {
        if let Some(i) = as_int(v) {
            return Ok(hash_i64(i));
        }
        // Only the stack bounds hashing: CPython's tuple hash does not count levels.
        self.check_native_depth("")?;
        if v.is_singleton() {
            return Ok((v.raw() >> 4) as i64 + 0x5555);
        }
        if let Some(f) = crate::objects::float::float_of(v) {
            return Ok(hash_f64(f));
        }
        if let Some(b) = v.downcast::<IntData>() {
            return Ok(hash_int_bigint(&b.0));
        }
        if let Some(z) = v.downcast::<crate::objects::complex::ComplexData>() {
            return Ok(crate::objects::complex::hash(*z));
        }
        if let Some(b) = v.downcast::<BytesData>() {
            return Ok(crate::objects::str::str_hash(&String::from_utf8_lossy(&b.0)) ^ 0x5bd1e995);
        }
        if let Some(t) = v.downcast::<TupleData>() {
            let items = t.0.to_vec();
            let mut acc: u64 = 0x27D4EB2F165667C5;
            for x in items {
                let h = self.hash(x)? as u64;
                acc = acc.wrapping_add(h.wrapping_mul(0xC2B2AE3D27D4EB4F));
                acc = acc.rotate_left(31).wrapping_mul(0x9E3779B185EBCA87);
            }
            let h = acc as i64;
            return Ok(if h == -1 { -2 } else { h });
        }
        if let Some(r) = v.downcast::<crate::objects::range::RangeData>() {
            // Equal ranges (equal as sequences) hash alike: the length, the first item
            // when there is one, the step when there are two or more (as CPython).
            let n = r.len();
            let (a, b) = match n {
                0 => (0, 0),
                1 => (r.start, 0),
                _ => (r.start, r.step),
            };
            let mut acc: u64 = 0x52616e6765;
            for x in [n, a, b] {
                acc = (acc ^ hash_i64(x) as u64)
                    .wrapping_mul(0x100000001b3)
                    .rotate_left(29);
            }
            let h = acc as i64;
            return Ok(if h == -1 { -2 } else { h });
        }
        if let Some(m) = v.downcast::<crate::objects::function::BoundMethod>() {
            // CPython: the instance by identity, the function by its hash.
            let (this, func) = (m.this, m.func);
            let h = ((this.raw() >> 4) as i64) ^ self.hash(func)?;
            return Ok(if h == -1 { -2 } else { h });
        }
        let ty = self.type_of(v);
        let td = type_data(ty);
        if crate::objects::weakref::is_proxy(self, v) {
            return Err(self.type_error(format!("unhashable type: '{}'", td.name.read())));
        }
        if v.is::<crate::objects::set::SetData>() && ty == self.rt.types.frozenset {
            let mut acc: u64 = 0x1f2e3d4c;
            for x in self.set_items(v) {
                let h = self.hash(x)? as u64;
                acc ^= (h ^ (h << 16) ^ 89869747).wrapping_mul(3644798167);
            }
            let h = acc as i64;
            return Ok(if h == -1 { 590923713 } else { h });
        }
        if td.is_user || v.is::<crate::objects::weakref::WeakRefData>() {
            let name = self.rt.names.hash;
            if let Some(h) = lookup_in_mro(self, ty, name) {
                if h.is_none() {
                    return Err(self.type_error(format!("unhashable type: '{}'", td.name.read())));
                }
                if !h.is::<crate::objects::builtin_fn::BuiltinFn>()
                    || !td.is_user
                    || v.is::<crate::objects::weakref::WeakRefData>()
                {
                    let r = self.call(h, &[v], &[])?;
                    return match as_int(r) {
                        Some(i) => Ok(if i == -1 { -2 } else { i }),
                        None => match as_bigint(r) {
                            Some(b) => Ok(hash_int_bigint(&b)),
                            None => {
                                Err(self.type_error("__hash__ method should return an integer"))
                            }
                        },
                    };
                }
            }
        }
        // A native type of a runtime module with its own `__hash__` (re.Pattern, memoryview).
        if !td.is_user
            && let Some(h) = self.dict_get_str(td.dict, "__hash__")
            && h.is::<crate::objects::builtin_fn::BuiltinFn>()
        {
            let r = self.call(h, &[v], &[])?;
            return match as_int(r) {
                Some(i) => Ok(if i == -1 { -2 } else { i }),
                None => Err(self.type_error("__hash__ method should return an integer")),
            };
        }
        // A built-in type that sets `__hash__ = None` itself (e.g. array.array).
        if !td.is_user && self.dict_get_str(td.dict, "__hash__") == Some(Value::NONE) {
            let tn = self.tp_name(v);
            return Err(self.type_error(format!("unhashable type: '{tn}'")));
        }
        if matches!(
            td.name.read().as_str(),
            // (dict_values is hashable by identity: it is no set-like view.)
            "list" | "dict" | "set" | "bytearray" | "dict_keys" | "dict_items"
        ) && !td.is_user
        {
            return Err(self.type_error(format!("unhashable type: '{}'", td.name.read())));
        }
        if let Some(inst) = v.downcast::<crate::objects::instance::InstanceData>()
            && !inst.base.is_null()
        {
            let base = inst.base;
            return self.hash(base);
        }
        Ok((v.raw() >> 4) as i64)
    }

    /// CPython's `tp_name` of `v`'s type, for messages: a built-in type that a native
    /// module defines is qualified by its module (`array.array`), others are not.
    pub fn tp_name(&mut self, v: Value) -> String {
        let ty = self.type_of(v);
        let td = type_data(ty);
        let name = td.name.read().clone();
        if td.is_user {
            return name;
        }
        match self.dict_get_str(td.dict, "__module__") {
            Some(m) => match crate::helpers::as_str(&m) {
                Some(m) if m != "builtins" => format!("{m}.{name}"),
                _ => name,
            },
            None => name,
        }
    }

    /// `a == b` as a bool, identity first (CPython's `PyObject_RichCompareBool`, which
    /// containers use: `[nan] == [nan]` and `nan in [nan]` are true for the same object).
    pub fn eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if a == b {
            return Ok(true);
        }
        let r = self.rich_compare(a, b, CmpOp::Eq)?;
        self.truthy(r)
    }

    pub fn lt(&mut self, a: Value, b: Value) -> PyResult<bool> {
        let r = self.rich_compare(a, b, CmpOp::Lt)?;
        self.truthy(r)
    }

    /// `a op b` with Python's rich comparison protocol.
    pub fn rich_compare(&mut self, a: Value, b: Value, op: CmpOp) -> PyResult {
        if let Some(o) = num_cmp(a, b) {
            return Ok(Value::bool(apply(o, op)));
        }
        if let (Some(x), Some(y)) = (a.downcast::<StrData>(), b.downcast::<StrData>()) {
            return Ok(Value::bool(apply(Some(x.wtf8().cmp(y.wtf8())), op)));
        }
        self.nested(" in comparison", |vm| vm.rich_compare_nested(a, b, op))
    }

    /// `rich_compare` past the number and str fast paths, one native level deeper.
    fn rich_compare_nested(&mut self, a: Value, b: Value, op: CmpOp) -> PyResult {
        if let (Some(x), Some(y)) = (a.downcast::<StrData>(), b.downcast::<StrData>()) {
            return Ok(Value::bool(apply(Some(x.wtf8().cmp(y.wtf8())), op)));
        }
        if let (Some(x), Some(y)) = (a.downcast::<BytesData>(), b.downcast::<BytesData>()) {
            return Ok(Value::bool(apply(Some(x.0.cmp(&y.0)), op)));
        }
        if let Some(o) = bytearray_cmp(a, b) {
            return Ok(Value::bool(apply(Some(o), op)));
        }
        let pa = self.unproxy(a)?;
        let pb = self.unproxy(b)?;
        if pa.is_some() || pb.is_some() {
            // A proxy compares as its referent (both sides unwrapped, as CPython's).
            let (x, y) = (pa.unwrap_or(a), pb.unwrap_or(b));
            return self.with_roots(&[x, y], |vm| vm.rich_compare(x, y, op));
        }
        if matches!(op, CmpOp::Eq | CmpOp::Ne)
            && let (Some(x), Some(y)) = (
                a.downcast::<crate::objects::function::BoundMethod>(),
                b.downcast::<crate::objects::function::BoundMethod>(),
            )
        {
            // Bound methods are equal when they bind the same object to equal functions.
            let (fx, fy) = (x.func, y.func);
            let same = x.this == y.this && (fx == fy || self.eq(fx, fy)?);
            return Ok(Value::bool(same == (op == CmpOp::Eq)));
        }
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let user = type_data(ta).is_user || type_data(tb).is_user;
        if matches!(op, CmpOp::Eq | CmpOp::Ne) {
            // weakref.ref defines == natively (referents while alive, identity once dead);
            // a subclass may override it. Either operand may be the ref (== and != are
            // their own reflections).
            for (x, y, tx) in [(a, b, ta), (b, a, tb)] {
                if !x.is::<crate::objects::weakref::WeakRefData>() {
                    continue;
                }
                let name = self.intern(dunder(op));
                if let Some(f) = lookup_in_mro(self, tx, name)
                    && f.downcast::<crate::objects::builtin_fn::BuiltinFn>()
                        .is_none_or(|b| b.owner != "object")
                {
                    let r = self.call(f, &[x, y], &[])?;
                    if r != Value::NOT_IMPLEMENTED {
                        return Ok(r);
                    }
                }
            }
        }
        if !user {
            if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                if let Some(eq) = crate::ops::containers::container_eq(self, a, b)? {
                    return Ok(Value::bool(eq == (op == CmpOp::Eq)));
                }
            } else if let Some(r) = crate::ops::containers::container_compare(self, a, b, op)? {
                return Ok(r);
            }
        }
        if !user && let Some(r) = self.native_cmp(a, b, op)? {
            return Ok(r);
        }
        // User-defined comparison methods; a subclass's reflected method goes first.
        let reflected_first =
            tb != ta && crate::types::is_subclass(self, tb, ta) && type_data(tb).is_user;
        if reflected_first && let Some(r) = self.try_cmp_dunder(b, a, swapped(op))? {
            return Ok(r);
        }
        if let Some(r) = self.try_cmp_dunder(a, b, op)? {
            return Ok(r);
        }
        if !reflected_first && let Some(r) = self.try_cmp_dunder(b, a, swapped(op))? {
            return Ok(r);
        }
        // Built-in subclass instances compare by their base values.
        let ba = base_of(a);
        let bb = base_of(b);
        if ba != a || bb != b {
            return self.rich_compare(ba, bb, op);
        }
        match op {
            CmpOp::Eq => Ok(Value::bool(a == b)),
            CmpOp::Ne => Ok(Value::bool(a != b)),
            _ => {
                let (na, nb) = (self.tp_name(a), self.tp_name(b));
                Err(self.type_error(format!(
                    "'{}' not supported between instances of '{na}' and '{nb}'",
                    op_symbol(op)
                )))
            }
        }
    }

    /// Comparison dunders written in Rust by types that native modules define (the fast
    /// paths above know nothing of their payloads): `type(a).__op__(a, b)`, then the
    /// reflected `type(b).__rop__(b, a)`. None when neither answers.
    fn native_cmp(&mut self, a: Value, b: Value, op: CmpOp) -> PyResult<Option<Value>> {
        for (x, y, o) in [(a, b, op), (b, a, swapped(op))] {
            let ty = self.type_of(x);
            let name = self.intern(dunder(o));
            if let Some(f) = lookup_in_mro(self, ty, name)
                && f.downcast::<crate::objects::builtin_fn::BuiltinFn>()
                    .is_some_and(|b| b.owner != "object")
            {
                let r = self.call(f, &[x, y], &[])?;
                if r != Value::NOT_IMPLEMENTED {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    /// Call `type(a).__op__(a, b)` if a user class defines it; None for NotImplemented.
    fn try_cmp_dunder(&mut self, a: Value, b: Value, op: CmpOp) -> PyResult<Option<Value>> {
        let ty = self.type_of(a);
        if !type_data(ty).is_user {
            return Ok(None);
        }
        let name = self.intern(dunder(op));
        // `object`'s native comparison methods are the defaults, not user methods.
        let Some(f) = lookup_in_mro(self, ty, name)
            .filter(|f| !f.is::<crate::objects::builtin_fn::BuiltinFn>())
        else {
            if op == CmpOp::Ne {
                // Default __ne__ inverts __eq__.
                if let Some(r) = self.try_cmp_dunder(a, b, CmpOp::Eq)? {
                    let t = self.truthy(r)?;
                    return Ok(Some(Value::bool(!t)));
                }
            }
            return Ok(None);
        };
        let r = self.call(f, &[a, b], &[])?;
        Ok(if r == Value::NOT_IMPLEMENTED {
            None
        } else {
            Some(r)
        })
    }

    /// Truth value (`bool(v)`).
    pub fn truthy(&mut self, v: Value) -> PyResult<bool> {
        match v {
            Value::TRUE => return Ok(true),
            Value::FALSE | Value::NONE => return Ok(false),
            _ => {}
        }
        if let Some(i) = v.as_small_int() {
            return Ok(i != 0);
        }
        if let Some(f) = crate::objects::float::float_of(v) {
            return Ok(f != 0.0);
        }
        if let Some(s) = v.downcast::<StrData>() {
            return Ok(!s.as_str().is_empty());
        }
        if v.is::<IntData>() {
            return Ok(true);
        }
        if let Some(z) = v.downcast::<crate::objects::complex::ComplexData>() {
            return Ok(z.re != 0.0 || z.im != 0.0);
        }
        if let Some(r) = self.unproxy(v)? {
            return self.with_root(r, |vm| vm.truthy(r));
        }
        let ty = self.type_of(v);
        if type_data(ty).is_user {
            let name = self.rt.names.bool_;
            if let Some(f) = lookup_in_mro(self, ty, name) {
                let r = self.call(f, &[v], &[])?;
                if !r.is_bool() {
                    return Err(self.type_error(format!(
                        "__bool__ should return bool, returned {}",
                        self.type_name(r)
                    )));
                }
                return Ok(r == Value::TRUE);
            }
            let name = self.rt.names.len;
            if let Some(f) = lookup_in_mro(self, ty, name) {
                let r = self.call(f, &[v], &[])?;
                return Ok(as_int(r).unwrap_or(1) != 0);
            }
            if let Some(inst) = v.downcast::<crate::objects::instance::InstanceData>()
                && !inst.base.is_null()
            {
                let b = inst.base;
                return self.truthy(b);
            }
            return Ok(true);
        }
        if let Some(n) = crate::ops::containers::builtin_len(self, v) {
            return Ok(n != 0);
        }
        if let Some(f) = self.native_special(v, "__len__") {
            let r = self.call(f, &[v], &[])?;
            return Ok(as_int(r).unwrap_or(1) != 0);
        }
        Ok(true)
    }
}

/// Contents ordering when one side is a bytearray and the other bytes, bytearray or
/// array.array (CPython's bytearray compares with any buffer). Exact payloads only:
/// subclass instances go through their own dunders first.
fn bytearray_cmp(a: Value, b: Value) -> Option<Ordering> {
    use crate::objects::bytes::{ByteArrayData, buffer_bytes};
    let exact = |v: &Value| {
        v.is::<BytesData>() || v.is::<ByteArrayData>() || v.is::<crate::objects::array::ArrayData>()
    };
    if !((a.is::<ByteArrayData>() && exact(&b)) || (b.is::<ByteArrayData>() && exact(&a))) {
        return None;
    }
    let (x, y) = (buffer_bytes(&a)?, buffer_bytes(&b)?);
    Some(x.cmp(&y))
}

fn base_of(v: Value) -> Value {
    match v.downcast::<crate::objects::instance::InstanceData>() {
        Some(i) if !i.base.is_null() => i.base,
        _ => v,
    }
}
