//! Binary, in-place and unary operators: built-in fast paths (ints, floats, sequences,
//! sets, dicts, `%` formatting), then the user-dunder protocol with CPython's
//! reflected-operand rules, then CPython's TypeError messages.
use crate::bytecode::{BinOp, UnaryOp};
use crate::objects::builtin_fn::NativeFn;
use crate::objects::bytes::{ByteArrayData, BytesData};
use crate::objects::dict::DictData;
use crate::objects::instance::InstanceData;
use crate::objects::int::IntData;
use crate::objects::list::ListData;
use crate::objects::set::SetData;
use crate::objects::str::StrData;
use crate::objects::tuple::TupleData;
use crate::types::is_subclass;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// (symbol, dunder, reflected dunder, in-place dunder)
fn names(op: BinOp) -> (&'static str, &'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("+", "__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("-", "__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("*", "__mul__", "__rmul__", "__imul__"),
        BinOp::MatMul => ("@", "__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::TrueDiv => ("/", "__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("//", "__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("%", "__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("**", "__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("<<", "__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => (">>", "__rshift__", "__rrshift__", "__irshift__"),
        BinOp::And => ("&", "__and__", "__rand__", "__iand__"),
        BinOp::Or => ("|", "__or__", "__ror__", "__ior__"),
        BinOp::Xor => ("^", "__xor__", "__rxor__", "__ixor__"),
    }
}

/// A number borrowed from a value (bools count as ints).
#[derive(Clone)]
enum N<'a> {
    I(i64),
    B(&'a BigInt),
    F(f64),
}

fn num(v: &Value) -> Option<N<'_>> {
    if let Some(i) = v.as_small_int() {
        return Some(N::I(i));
    }
    match *v {
        Value::TRUE => return Some(N::I(1)),
        Value::FALSE => return Some(N::I(0)),
        _ => {}
    }
    if let Some(b) = v.downcast::<IntData>() {
        return Some(N::B(&b.0));
    }
    crate::objects::float::float_of(*v).map(N::F)
}

fn big(n: &N) -> BigInt {
    match n {
        N::I(i) => BigInt::from(*i),
        N::B(b) => (*b).clone(),
        N::F(_) => unreachable!(),
    }
}

/// The built-in value inside a subclass instance, or the value itself.
fn base_of(v: Value) -> Value {
    match v.downcast::<InstanceData>() {
        Some(i) if !i.base.is_null() => i.base,
        _ => v,
    }
}

/// `math.floor`-based float floor division and modulo, as CPython's float_divmod.
fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(wx);
    }
    let fd = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0f64.copysign(vx / wx)
    };
    (fd, m)
}

/// Correctly rounded `a / b` for ints too large for exact f64 conversion.
fn big_true_div(a: &BigInt, b: &BigInt) -> Option<f64> {
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64())
        && x.unsigned_abs() < (1 << 53)
        && y.unsigned_abs() < (1 << 53)
    {
        return Some(x as f64 / y as f64);
    }
    // Scale so the quotient carries >= 66 significant bits, keep a sticky bit for the
    // remainder, then let the (round-to-nearest) conversion do the rounding.
    let shift = 66 + b.bits() as i64 - a.bits() as i64;
    let (na, nb) = (a.abs(), b.abs());
    let (q, r) = if shift >= 0 {
        (na << shift as usize).div_rem(&nb)
    } else {
        na.div_rem(&(nb << (-shift) as usize))
    };
    let q = if r.is_zero() { q } else { q | BigInt::from(1) };
    let mut f = q.to_f64()?;
    let mut s = shift;
    // Apply 2**-s in steps so intermediate powers stay finite.
    while s > 0 {
        let k = s.min(1000);
        f /= 2f64.powi(k as i32);
        s -= k;
    }
    while s < 0 {
        let k = (-s).min(1000);
        f *= 2f64.powi(k as i32);
        s += k;
    }
    if f.is_infinite() {
        return None;
    }
    Some(if (a.is_negative()) != (b.is_negative()) {
        -f
    } else {
        f
    })
}

fn seq_len(v: Value) -> bool {
    v.is::<StrData>()
        || v.is::<ListData>()
        || v.is::<TupleData>()
        || v.is::<BytesData>()
        || v.is::<ByteArrayData>()
}

impl Vm {
    /// Float operation (either operand a float).
    fn float_op(&mut self, x: f64, y: f64, op: BinOp) -> PyResult<Option<Value>> {
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::TrueDiv => {
                if y == 0.0 {
                    return Err(self.zero_division_error("float division by zero"));
                }
                x / y
            }
            BinOp::FloorDiv => {
                if y == 0.0 {
                    return Err(self.zero_division_error("float floor division by zero"));
                }
                float_divmod(x, y).0
            }
            BinOp::Mod => {
                if y == 0.0 {
                    return Err(self.zero_division_error("float modulo"));
                }
                float_divmod(x, y).1
            }
            BinOp::Pow => {
                if x == 0.0 && y < 0.0 {
                    return Err(
                        self.zero_division_error("0.0 cannot be raised to a negative power")
                    );
                }
                if x < 0.0 && y.is_finite() && y.fract() != 0.0 {
                    // A negative base to a fractional power is complex, as in CPython.
                    use crate::objects::complex::{ComplexData, pow};
                    let z = pow(
                        self,
                        ComplexData { re: x, im: 0.0 },
                        ComplexData { re: y, im: 0.0 },
                    )?;
                    return Ok(Some(self.new_complex(z.re, z.im)?));
                }
                let r = x.powf(y);
                if r.is_infinite() && x.is_finite() && y.is_finite() {
                    return Err(self.overflow_error("(34, 'Numerical result out of range')"));
                }
                r
            }
            _ => return Ok(None),
        };
        Ok(Some(self.new_float(r)?))
    }

    /// Integer operation on two BigInts (the slow path).
    fn bigint_op(&mut self, a: BigInt, b: BigInt, op: BinOp) -> PyResult<Option<Value>> {
        let r = match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::TrueDiv => {
                if b.is_zero() {
                    return Err(self.zero_division_error("division by zero"));
                }
                return match big_true_div(&a, &b) {
                    Some(f) => Ok(Some(self.new_float(f)?)),
                    None => {
                        Err(self.overflow_error("integer division result too large for a float"))
                    }
                };
            }
            BinOp::FloorDiv => {
                if b.is_zero() {
                    return Err(self.zero_division_error("integer division or modulo by zero"));
                }
                a.div_floor(&b)
            }
            BinOp::Mod => {
                if b.is_zero() {
                    return Err(self.zero_division_error("integer modulo by zero"));
                }
                a.mod_floor(&b)
            }
            BinOp::Pow => {
                if b.is_negative() {
                    if a.is_zero() {
                        return Err(
                            self.zero_division_error("0.0 cannot be raised to a negative power")
                        );
                    }
                    let x = a.to_f64().filter(|f| f.is_finite());
                    let y = b.to_f64().filter(|f| f.is_finite());
                    let (Some(x), Some(y)) = (x, y) else {
                        return Err(self.overflow_error("int too large to convert to float"));
                    };
                    return self.float_op(x, y, BinOp::Pow);
                }
                let one = BigInt::from(1);
                if a.is_zero() || a == one || b.is_zero() {
                    if b.is_zero() { one } else { a }
                } else if a == -one.clone() {
                    if b.is_even() { one } else { a }
                } else {
                    match b.to_u32() {
                        Some(e) if (a.bits() as u128) * (e as u128) < (1u128 << 34) => {
                            num_traits::pow(a, e as usize)
                        }
                        _ => return Err(self.overflow_error("exponent too large")),
                    }
                }
            }
            BinOp::LShift => {
                if b.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                if a.is_zero() {
                    a
                } else {
                    match b.to_usize() {
                        Some(s) if s < (1 << 34) => a << s,
                        _ => return Err(self.overflow_error("too many digits in integer")),
                    }
                }
            }
            BinOp::RShift => {
                if b.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                match b.to_usize() {
                    // num-bigint's >> on negatives rounds toward -inf, like Python.
                    Some(s) if s < a.bits() as usize + 1 => a >> s,
                    _ => BigInt::from(if a.is_negative() { -1 } else { 0 }),
                }
            }
            BinOp::And => a & b,
            BinOp::Or => a | b,
            BinOp::Xor => a ^ b,
            BinOp::MatMul => return Ok(None),
        };
        Ok(Some(self.new_bigint(r)?))
    }

    /// Integer operation on two i64s, overflowing into BigInt.
    fn small_op(&mut self, x: i64, y: i64, op: BinOp) -> PyResult<Option<Value>> {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::FloorDiv if y != 0 && !(x == i64::MIN && y == -1) => {
                Some(Integer::div_floor(&x, &y))
            }
            BinOp::Mod if y != 0 && y != -1 => Some(Integer::mod_floor(&x, &y)),
            BinOp::Mod if y == -1 => Some(0),
            BinOp::TrueDiv
                if y != 0 && x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) =>
            {
                return Ok(Some(self.new_float(x as f64 / y as f64)?));
            }
            BinOp::Pow if y >= 0 => u32::try_from(y).ok().and_then(|e| x.checked_pow(e)),
            BinOp::LShift if (0..64).contains(&y) => {
                x.checked_shl(y as u32).filter(|r| r >> y == x)
            }
            BinOp::RShift if y >= 0 => Some(if y >= 64 {
                if x < 0 { -1 } else { 0 }
            } else {
                x >> y
            }),
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            _ => None,
        };
        match r {
            Some(i) => Ok(Some(self.new_int(i)?)),
            None => self.bigint_op(BigInt::from(x), BigInt::from(y), op),
        }
    }

    fn number_op(&mut self, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
        // The common pairs first: two small ints, two floats, a float and a small int.
        if let (Some(i), Some(j)) = (a.as_small_int(), b.as_small_int()) {
            return self.small_op(i, j, op);
        }
        let fa = crate::objects::float::float_of(a);
        let fb = crate::objects::float::float_of(b);
        match (fa, fb) {
            (Some(x), Some(y)) => return self.float_op(x, y, op),
            (Some(x), None) if b.is_small_int() => {
                return self.float_op(x, b.as_small_int().unwrap_or(0) as f64, op);
            }
            (None, Some(y)) if a.is_small_int() => {
                return self.float_op(a.as_small_int().unwrap_or(0) as f64, y, op);
            }
            _ => {}
        }
        let (Some(x), Some(y)) = (num(&a), num(&b)) else {
            return Ok(None);
        };
        // bool & bool stays a bool.
        if a.is_bool() && b.is_bool() && matches!(op, BinOp::And | BinOp::Or | BinOp::Xor) {
            let (p, q) = (a == Value::TRUE, b == Value::TRUE);
            return Ok(Some(Value::bool(match op {
                BinOp::And => p & q,
                BinOp::Or => p | q,
                _ => p ^ q,
            })));
        }
        match (&x, &y) {
            (N::I(i), N::I(j)) => self.small_op(*i, *j, op),
            (N::F(_), _) | (_, N::F(_)) => {
                let f = |vm: &mut Vm, n: &N| -> PyResult<f64> {
                    match n {
                        N::F(f) => Ok(*f),
                        N::I(i) => Ok(*i as f64),
                        N::B(b) => match b.to_f64().filter(|f| f.is_finite()) {
                            Some(f) => Ok(f),
                            None => Err(vm.overflow_error("int too large to convert to float")),
                        },
                    }
                };
                if !matches!(
                    op,
                    BinOp::Add
                        | BinOp::Sub
                        | BinOp::Mul
                        | BinOp::TrueDiv
                        | BinOp::FloorDiv
                        | BinOp::Mod
                        | BinOp::Pow
                ) {
                    return Ok(None);
                }
                let fx = f(self, &x)?;
                let fy = f(self, &y)?;
                self.float_op(fx, fy, op)
            }
            _ => {
                let (p, q) = (big(&x), big(&y));
                self.bigint_op(p, q, op)
            }
        }
    }

    /// `seq * n` for str/list/tuple/bytes/bytearray; None when `seq` is not one.
    fn repeat(&mut self, seq: Value, n: Value) -> PyResult<Option<Value>> {
        if !seq_len(seq) {
            return Ok(None);
        }
        let count = match num(&n) {
            Some(N::I(i)) => i.max(0) as usize,
            // A count that fits no index raises, negative or not (as CPython).
            Some(N::B(b)) => match b.to_i64() {
                Some(i) => i.max(0) as usize,
                None => {
                    return Err(self.overflow_error("cannot fit 'int' into an index-sized integer"));
                }
            },
            _ => return Ok(None),
        };
        let too_big = |len: usize| {
            len.checked_mul(count)
                .and_then(|t| t.checked_mul(8))
                .is_none_or(crate::helpers::exceeds_memory)
        };
        // Past the largest size CPython can express: its OverflowError (for str and
        // bytes; lists and tuples raise MemoryError there, as below).
        let overflows = |len: usize| {
            len.checked_mul(count)
                .is_none_or(|t| t > isize::MAX as usize)
        };
        if let Some(s) = seq.downcast::<StrData>() {
            if overflows(s.chars()) {
                return Err(self.overflow_error("repeated string is too long"));
            }
            if too_big(s.as_str().len()) {
                return Err(memory_error(self));
            }
            if s.has_surrogates() {
                let r = crate::objects::bytes::args::repeat_bytes(self, s.wtf8(), count)?;
                return Ok(Some(self.new_str_wtf8(&r)?));
            }
            // Bytes of valid UTF-8 repeated stay valid UTF-8.
            let r = crate::objects::bytes::args::repeat_bytes(self, s.as_str().as_bytes(), count)?;
            let r = String::from_utf8(r).unwrap_or_default();
            return Ok(Some(self.new_str(&r)?));
        }
        // (A bytearray raises MemoryError there, as a list.)
        if seq
            .downcast::<BytesData>()
            .is_some_and(|b| overflows(b.0.len()))
        {
            return Err(self.overflow_error("repeated bytes are too long"));
        }
        if let Some(b) = seq.downcast::<BytesData>() {
            if count == 1 {
                return Ok(Some(seq));
            }
            let r = crate::objects::bytes::args::repeat_bytes(self, &b.0, count)?;
            return Ok(Some(self.new_bytes(r)?));
        }
        if let Some(b) = seq.downcast::<ByteArrayData>() {
            let one = b.snapshot();
            let r = crate::objects::bytes::args::repeat_bytes(self, &one, count)?;
            return Ok(Some(self.new_bytearray(r)?));
        }
        let items: Vec<Value> = if let Some(l) = seq.downcast::<ListData>() {
            l.snapshot()
        } else {
            seq.downcast::<TupleData>().unwrap().0.to_vec()
        };
        if too_big(items.len()) {
            return Err(memory_error(self));
        }
        // The items stay reachable from `seq` (rooted by our caller) during allocation.
        let Some(r) = try_repeat(&items, count) else {
            return Err(memory_error(self));
        };
        Ok(Some(if seq.is::<ListData>() {
            self.new_list(r)?
        } else {
            self.new_tuple(r)?
        }))
    }

    /// Set algebra for set/frozenset operands; the result has the left operand's kind.
    fn set_op(&mut self, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
        if !a.is::<SetData>()
            || !b.is::<SetData>()
            || !matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor)
        {
            return Ok(None);
        }
        let ty = if is_subclass(self, self.type_of(a), self.rt.types.frozenset) {
            self.rt.types.frozenset
        } else {
            self.rt.types.set
        };
        let (xs, ys) = (self.set_items(a), self.set_items(b));
        let mut out = Vec::new();
        match op {
            BinOp::Or => {
                out = xs;
                out.extend(ys);
            }
            BinOp::And => {
                for x in xs {
                    if self.set_contains(b, x)? {
                        out.push(x);
                    }
                }
            }
            BinOp::Sub => {
                for x in xs {
                    if !self.set_contains(b, x)? {
                        out.push(x);
                    }
                }
            }
            _ => {
                for x in xs {
                    if !self.set_contains(b, x)? {
                        out.push(x);
                    }
                }
                for y in ys {
                    if !self.set_contains(a, y)? {
                        out.push(y);
                    }
                }
            }
        }
        Ok(Some(self.new_set_of_type(ty, out)?))
    }

    /// `+` on two sequences of the same kind.
    fn concat(&mut self, a: Value, b: Value) -> PyResult<Option<Value>> {
        if let (Some(x), Some(y)) = (a.downcast::<StrData>(), b.downcast::<StrData>()) {
            if x.has_surrogates() || y.has_surrogates() {
                return Ok(Some(self.new_str_wtf8_parts(&[x.wtf8(), y.wtf8()])?));
            }
            let chars = x.chars() + y.chars();
            return Ok(Some(self.new_str_parts(&[x.as_str(), y.as_str()], chars)?));
        }
        if let (Some(x), Some(y)) = (a.downcast::<ListData>(), b.downcast::<ListData>()) {
            let mut v = x.snapshot();
            v.extend(y.snapshot());
            return Ok(Some(self.new_list(v)?));
        }
        if let (Some(x), Some(y)) = (a.downcast::<TupleData>(), b.downcast::<TupleData>()) {
            let mut v = x.0.to_vec();
            v.extend_from_slice(&y.0);
            return Ok(Some(self.new_tuple(v)?));
        }
        // bytes/bytearray + any buffer (bytes, bytearray, array.array); the result has
        // the left operand's kind.
        if (a.is::<BytesData>() || a.is::<ByteArrayData>())
            && let Some(y) = crate::objects::bytes::buffer_bytes(&b)
        {
            if a.is::<BytesData>() && y.is_empty() {
                return Ok(Some(a));
            }
            let mut x = crate::objects::bytes::buffer_bytes(&a).unwrap_or_default();
            if x.len().saturating_add(y.len()) > crate::objects::bytes::args::MAX_BYTES {
                return Err(memory_error(self));
            }
            x.extend(y);
            return Ok(Some(if a.is::<ByteArrayData>() {
                self.new_bytearray(x)?
            } else {
                self.new_bytes(x)?
            }));
        }
        Ok(None)
    }

    /// Every built-in combination; None means "not implemented for these operands".
    pub fn builtin_binop(&mut self, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
        if let Some(r) = self.number_op(a, b, op)? {
            return Ok(Some(r));
        }
        if let Some(r) = crate::objects::complex::binop(self, a, b, op)? {
            return Ok(Some(r));
        }
        match op {
            BinOp::Add => self.concat(a, b),
            BinOp::Mul => match self.repeat(a, b)? {
                Some(r) => Ok(Some(r)),
                None => self.repeat(b, a),
            },
            BinOp::Mod if a.is::<StrData>() => {
                // Through the surrogate wrapper (objects/str/surrogates.rs): exact when
                // the format or its str arguments hold lone surrogates.
                fn fmt(vm: &mut Vm, ab: &[Value], _kw: &[(Value, Value)]) -> PyResult {
                    let s = ab[0].downcast::<StrData>().unwrap().as_str().to_string();
                    let r = crate::objects::str::methods::percent_format(vm, &s, ab[1])?;
                    vm.new_str(&r)
                }
                crate::objects::str::surrogates::call(self, &[a, b], &[], fmt).map(Some)
            }
            BinOp::Mod if a.is::<BytesData>() => {
                let r = crate::objects::bytes::methods::bytes_percent_format(self, a, b)?;
                Ok(Some(self.new_bytes(r)?))
            }
            BinOp::Mod if a.is::<ByteArrayData>() => {
                let r = crate::objects::bytes::methods::bytes_percent_format(self, a, b)?;
                Ok(Some(self.new_bytearray(r)?))
            }
            BinOp::Or if a.is::<DictData>() && b.is::<DictData>() => {
                let d = self.new_dict()?;
                self.with_root(d, |vm| {
                    vm.dict_merge_into(d, a)?;
                    vm.dict_merge_into(d, b)
                })?;
                Ok(Some(d))
            }
            _ => self.set_op(a, b, op),
        }
    }

    /// Copy every entry of dict `src` into dict `dst`.
    fn dict_merge_into(&mut self, dst: Value, src: Value) -> PyResult<()> {
        for (k, v) in self.dict_items(src) {
            self.dict_set(dst, k, v)?;
        }
        Ok(())
    }

    /// Call `f(x, y)`; NotImplemented comes back as None.
    fn try_dunder(&mut self, f: Option<Value>, x: Value, y: Value) -> PyResult<Option<Value>> {
        let Some(f) = f else { return Ok(None) };
        let r = self.call_dunder_call(f, x, &[y], &[])?;
        Ok(if r == Value::NOT_IMPLEMENTED {
            None
        } else {
            Some(r)
        })
    }

    /// `a op b`.
    #[inline]
    pub fn binary_op(&mut self, a: Value, b: Value, op: BinOp) -> PyResult {
        self.binary_op_for(a, b, op, false)
    }

    /// `a op b`, for `a op= b` when `inplace` (which only changes the error message).
    fn binary_op_for(&mut self, a: Value, b: Value, op: BinOp, inplace: bool) -> PyResult {
        if let Some(r) = self.builtin_binop(a, b, op)? {
            return Ok(r);
        }
        let pa = self.unproxy(a)?;
        let pb = self.unproxy(b)?;
        if pa.is_some() || pb.is_some() {
            // Proxies take part as their referents (CPython unwraps both operands).
            let (x, y) = (pa.unwrap_or(a), pb.unwrap_or(b));
            return self.with_roots(&[x, y], |vm| vm.binary_op_for(x, y, op, inplace));
        }
        let (sym, name, rname, _) = names(op);
        let (ta, tb) = (self.type_of(a), self.type_of(b));
        let fa = self.lookup_special(a, name);
        let fb = if ta != tb {
            self.lookup_special(b, rname)
        } else {
            None
        };
        // A subclass's overriding reflected method goes first (CPython binary_op1).
        let b_first =
            fb.is_some() && is_subclass(self, tb, ta) && self.lookup_special(a, rname) != fb;
        if b_first && let Some(r) = self.try_dunder(fb, b, a)? {
            return Ok(r);
        }
        if let Some(r) = self.try_dunder(fa, a, b)? {
            return Ok(r);
        }
        if !b_first && let Some(r) = self.try_dunder(fb, b, a)? {
            return Ok(r);
        }
        // Subclasses of built-ins whose dunders are not registered: use the built-in value.
        let (ba, bb) = (base_of(a), base_of(b));
        if (ba != a || bb != b)
            && let Some(r) = self.builtin_binop(ba, bb, op)?
        {
            return Ok(r);
        }
        if inplace {
            let sym = format!("{sym}=");
            return Err(self.binop_type_error(ba, bb, op, &sym));
        }
        Err(self.binop_type_error(ba, bb, op, sym))
    }

    fn binop_type_error(&mut self, a: Value, b: Value, op: BinOp, sym: &str) -> crate::vm::PyErr {
        let (na, nb) = (self.type_name(a), self.type_name(b));
        if op == BinOp::Add {
            for (ok, kind) in [
                (a.is::<StrData>(), "str"),
                (a.is::<ListData>(), "list"),
                (a.is::<TupleData>(), "tuple"),
            ] {
                if ok {
                    return self.type_error(format!(
                        "can only concatenate {kind} (not \"{nb}\") to {kind}"
                    ));
                }
            }
            if a.is::<BytesData>() || a.is::<ByteArrayData>() {
                return self.type_error(format!("can't concat {nb} to {na}"));
            }
        }
        if op == BinOp::Mul {
            if seq_len(a) {
                return self
                    .type_error(format!("can't multiply sequence by non-int of type '{nb}'"));
            }
            if seq_len(b) {
                return self
                    .type_error(format!("can't multiply sequence by non-int of type '{na}'"));
            }
        }
        let sym = if sym == "**" { "** or pow()" } else { sym };
        self.type_error(format!(
            "unsupported operand type(s) for {sym}: '{na}' and '{nb}'"
        ))
    }

    /// `a op= b`.
    pub fn inplace_op(&mut self, a: Value, b: Value, op: BinOp) -> PyResult {
        if num(&a).is_some() || a.is::<StrData>() || a.is::<TupleData>() {
            return self.binary_op_for(a, b, op, true);
        }
        if let Some(x) = self.unproxy(a)? {
            // `p += v` operates on the referent and binds the result (CPython's too).
            let y = self.unproxy_or_self(b)?;
            return self.with_roots(&[x, y], |vm| vm.inplace_op(x, y, op));
        }
        let (_, _, _, iname) = names(op);
        // A user class's __iop__ wins (even on a list subclass).
        if a.is::<InstanceData>()
            && let Some(f) = self.lookup_special(a, iname)
            && let Some(r) = self.try_dunder(Some(f), a, b)?
        {
            return Ok(r);
        }
        // list += iterable / list *= n mutate in place (also for list subclasses).
        if let Some(l) = crate::helpers::unwrap_base::<ListData>(&a) {
            if op == BinOp::Add {
                let items = if let Some(other) = b.downcast::<ListData>() {
                    other.snapshot()
                } else {
                    self.collect_iter(b)?
                };
                l.extend(&items);
                return Ok(a);
            }
            if op == BinOp::Mul
                && let Some(n) = crate::helpers::as_int(b)
            {
                // One lock acquisition: atomic for other threads (allocating is not a
                // safepoint, so holding the lock meanwhile is allowed).
                let mut g = l.write();
                let Some(r) = try_repeat(&g.to_vec(), n.max(0) as usize) else {
                    drop(g);
                    return Err(memory_error(self));
                };
                g.replace(&r);
                return Ok(a);
            }
        }
        // set |= &= -= ^= and dict |= update in place.
        if a.is::<SetData>()
            && a.heap_type() == Some(self.rt.types.set)
            && b.is::<SetData>()
            && let Some(r) = self.set_op(a, b, op)?
        {
            let t = r.downcast::<SetData>().unwrap().0.lock().clone();
            *a.downcast::<SetData>().unwrap().0.lock() = t;
            return Ok(a);
        }
        if op == BinOp::Or && a.is::<DictData>() && b.is::<DictData>() {
            self.dict_merge_into(a, b)?;
            return Ok(a);
        }
        if !a.is::<InstanceData>()
            && let Some(f) = self.lookup_special(a, iname)
            && let Some(r) = self.try_dunder(Some(f), a, b)?
        {
            return Ok(r);
        }
        self.binary_op_for(a, b, op, true)
    }

    /// `op a`.
    pub fn unary_op(&mut self, a: Value, op: UnaryOp) -> PyResult {
        if op == UnaryOp::Not {
            return Ok(Value::bool(!self.truthy(a)?));
        }
        if let Some(n) = num(&a) {
            return match (n, op) {
                (N::I(i), UnaryOp::Neg) => match i.checked_neg() {
                    Some(n) => self.new_int(n),
                    None => self.new_bigint(-BigInt::from(i)),
                },
                (N::I(i), UnaryOp::Pos) => self.new_int(i),
                (N::I(i), _) => self.new_int(!i),
                (N::B(b), UnaryOp::Neg) => {
                    let r = -b.clone();
                    self.new_bigint(r)
                }
                (N::B(_), UnaryOp::Pos) => Ok(a),
                (N::B(b), _) => {
                    let r = -(b.clone()) - 1;
                    self.new_bigint(r)
                }
                (N::F(f), UnaryOp::Neg) => self.new_float(-f),
                (N::F(_), UnaryOp::Pos) => Ok(a),
                (N::F(_), _) => Err(self.type_error("bad operand type for unary ~: 'float'")),
            };
        }
        let (sym, name) = match op {
            UnaryOp::Neg => ("-", "__neg__"),
            UnaryOp::Pos => ("+", "__pos__"),
            _ => ("~", "__invert__"),
        };
        if let Some(r) = self.unproxy(a)? {
            return self.with_root(r, |vm| vm.unary_op(r, op));
        }
        if let Some(f) = self.lookup_special(a, name) {
            return self.call(f, &[a], &[]);
        }
        let b = base_of(a);
        if b != a && num(&b).is_some() {
            return self.unary_op(b, op);
        }
        let tn = self.type_name(a);
        Err(self.type_error(format!("bad operand type for unary {sym}: '{tn}'")))
    }
}

/// MemoryError for absurd repetition sizes.
fn memory_error(vm: &mut Vm) -> crate::vm::PyErr {
    let t = vm.rt.types.exc.memory_error;
    vm.new_exception(t, "")
}

// ---------------------------------------------------------------- dunder natives
//
// `int.__add__` and friends, so `(5).__add__(3)`, `super().__add__` and subclasses of
// int/float/str/bytes find them. Each unwraps subclass instances to their built-in value
// and returns NotImplemented for operands it does not handle, as CPython's slots do.

fn dunder(vm: &mut Vm, args: &[Value], op: BinOp, reflected: bool) -> PyResult {
    crate::helpers::arg_count(vm, names(op).1, args, 2, 2)?;
    let (x, y) = (base_of(args[0]), base_of(args[1]));
    // A number's slot handles its own kind and narrower ones only: `int.__add__(2.0)`
    // and `float.__mul__(1j)` are NotImplemented, so the wider operand's reflected
    // method (a subclass's own, say) gets its turn, as in CPython.
    if let (Some(me), Some(other)) = (numeric_rank(x), numeric_rank(y))
        && other > me
    {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (x, y) = if reflected { (y, x) } else { (x, y) };
    Ok(vm
        .builtin_binop(x, y, op)?
        .unwrap_or(Value::NOT_IMPLEMENTED))
}

/// Place in the numeric tower: int (and bool) 0, float 1, complex 2; None otherwise.
fn numeric_rank(v: Value) -> Option<u8> {
    if v.is_small_int() || v.is_bool() || v.is::<IntData>() {
        Some(0)
    } else if crate::objects::float::is_float(v) {
        Some(1)
    } else if v.is::<crate::objects::complex::ComplexData>() {
        Some(2)
    } else {
        None
    }
}

macro_rules! dunders {
    ($($f:ident $rf:ident $op:ident),*) => {
        $(
            fn $f(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult { dunder(vm, args, BinOp::$op, false) }
            fn $rf(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult { dunder(vm, args, BinOp::$op, true) }
        )*
        /// (dunder name, native) for every operator, forward and reflected.
        const DUNDERS: &[(&str, NativeFn)] = &[
            $((names_const(BinOp::$op).0, $f as NativeFn), (names_const(BinOp::$op).1, $rf as NativeFn),)*
        ];
    };
}

const fn names_const(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mul => ("__mul__", "__rmul__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::And => ("__and__", "__rand__"),
        BinOp::Or => ("__or__", "__ror__"),
        BinOp::Xor => ("__xor__", "__rxor__"),
    }
}

dunders!(
    d_add r_add Add, d_sub r_sub Sub, d_mul r_mul Mul, d_truediv r_truediv TrueDiv,
    d_floordiv r_floordiv FloorDiv, d_mod r_mod Mod, d_pow r_pow Pow, d_lshift r_lshift LShift,
    d_rshift r_rshift RShift, d_and r_and And, d_or r_or Or, d_xor r_xor Xor
);

fn unary_native(vm: &mut Vm, args: &[Value], op: UnaryOp) -> PyResult {
    crate::helpers::arg_count(vm, "unary", args, 1, 1)?;
    let b = base_of(args[0]);
    vm.unary_op(b, op)
}
fn u_neg(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    unary_native(vm, args, UnaryOp::Neg)
}
fn u_pos(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    unary_native(vm, args, UnaryOp::Pos)
}
fn u_invert(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    unary_native(vm, args, UnaryOp::Invert)
}
fn u_abs(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    crate::helpers::arg_count(vm, "__abs__", args, 1, 1)?;
    let b = base_of(args[0]);
    match num(&b) {
        Some(N::F(f)) => vm.new_float(f.abs()),
        Some(N::I(i)) => vm.new_bigint(BigInt::from(i).abs()),
        Some(N::B(x)) => {
            let r = x.abs();
            vm.new_bigint(r)
        }
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// Register the named binary dunders (e.g. `["__add__", "__radd__"]`) on `ty`; an
/// empty list registers every numeric one plus `__neg__`/`__pos__`/`__invert__`/`__abs__`.
pub fn register_dunders(vm: &mut Vm, ty: Value, which: &[&str]) {
    for &(name, f) in DUNDERS {
        if which.is_empty() || which.contains(&name) {
            vm.add_method(ty, name, f);
        }
    }
    if which.is_empty() {
        vm.add_method(ty, "__neg__", u_neg);
        vm.add_method(ty, "__pos__", u_pos);
        vm.add_method(ty, "__invert__", u_invert);
        vm.add_method(ty, "__abs__", u_abs);
    }
}

/// `items` repeated `count` times, or None when that much memory cannot be had (the
/// caller raises MemoryError instead of the process aborting).
fn try_repeat(items: &[Value], count: usize) -> Option<Vec<Value>> {
    let total = items.len().checked_mul(count)?;
    let mut v = Vec::new();
    v.try_reserve_exact(total).ok()?;
    for _ in 0..count {
        v.extend_from_slice(items);
    }
    Some(v)
}
