//! `Value`: one tagged 64-bit word.
//!
//! | bits            | meaning                                           |
//! | --------------- | ------------------------------------------------- |
//! | `...xxx1`       | small int, the value is `word >> 1` (63 bits)     |
//! | `...0000`, != 0 | pointer to a heap object (16-byte aligned header) |
//! | `k<<4 | 0b0010` | a singleton: None, False, True, Ellipsis, ...     |
//! | `...x100`       | an immediate float (below)                        |
//! | `0`             | NULL: "no value" (unbound local, empty slot)      |
//!
//! **Immediate floats** make float arithmetic allocate nothing in the common case, as
//! CRuby's flonums do. An f64 whose top four exponent bits (62..59) are `0111` or
//! `1000` (magnitudes from about 1e-38 to 3e38) is stored in the word: bits 62..60
//! are implied by bit 59, so the sign and bits 59..0 fit above a 3-bit tag. Other
//! floats (0.0, huge, tiny, inf, nan) are heap objects (`BoxedFloat`); code reads
//! either kind through `float_of`.
//!
//! Values are `Copy`. A heap pointer stays valid while the object is reachable from a
//! root; Rust code that keeps one across a safepoint must root it (DESIGN.md inv. 1).
use weft_gc::GcPtr;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct Value(u64);

const SINGLETON_TAG: u64 = 0b0010;
const FLOAT_TAG: u64 = 0b100;
const FLOAT_TAG_MASK: u64 = 0b111;
const SIGN: u64 = 1 << 63;
const LOW60: u64 = (1 << 60) - 1;

/// Small ints hold 63 bits.
pub const SMALL_MIN: i64 = -(1 << 62);
pub const SMALL_MAX: i64 = (1 << 62) - 1;

impl Value {
    pub const NULL: Value = Value(0);
    pub const NONE: Value = Value(SINGLETON_TAG);
    pub const FALSE: Value = Value((1 << 4) | SINGLETON_TAG);
    pub const TRUE: Value = Value((2 << 4) | SINGLETON_TAG);
    pub const ELLIPSIS: Value = Value((3 << 4) | SINGLETON_TAG);
    pub const NOT_IMPLEMENTED: Value = Value((4 << 4) | SINGLETON_TAG);

    #[inline]
    pub fn raw(self) -> u64 {
        self.0
    }
    #[inline]
    pub fn from_raw(w: u64) -> Value {
        Value(w)
    }
    #[inline]
    pub fn is_null(self) -> bool {
        self.0 == 0
    }
    #[inline]
    pub fn is_none(self) -> bool {
        self.0 == Value::NONE.0
    }
    #[inline]
    pub fn bool(b: bool) -> Value {
        if b { Value::TRUE } else { Value::FALSE }
    }
    #[inline]
    pub fn is_bool(self) -> bool {
        self.0 == Value::TRUE.0 || self.0 == Value::FALSE.0
    }
    #[inline]
    pub fn is_singleton(self) -> bool {
        self.0 & 0xF == SINGLETON_TAG
    }

    /// A small int if `i` fits in 63 bits.
    #[inline]
    pub fn small_int(i: i64) -> Option<Value> {
        if (SMALL_MIN..=SMALL_MAX).contains(&i) {
            Some(Value(((i << 1) | 1) as u64))
        } else {
            None
        }
    }
    #[inline]
    pub fn is_small_int(self) -> bool {
        self.0 & 1 == 1
    }
    /// The small int held, if this is one (bools are not small ints here).
    #[inline]
    pub fn as_small_int(self) -> Option<i64> {
        if self.is_small_int() {
            Some((self.0 as i64) >> 1)
        } else {
            None
        }
    }

    /// `f` as an immediate float, if its exponent is in the immediate range.
    #[inline]
    pub fn float(f: f64) -> Option<Value> {
        let w = f.to_bits();
        let top = (w >> 59) & 0xF;
        if top == 0b0111 || top == 0b1000 {
            Some(Value((w & SIGN) | ((w & LOW60) << 3) | FLOAT_TAG))
        } else {
            None
        }
    }
    #[inline]
    pub fn is_immediate_float(self) -> bool {
        self.0 & FLOAT_TAG_MASK == FLOAT_TAG
    }
    /// The f64 of an immediate float (not of a heap float: see `float_of`).
    #[inline]
    pub fn as_immediate_float(self) -> Option<f64> {
        if !self.is_immediate_float() {
            return None;
        }
        let low = (self.0 >> 3) & LOW60;
        // Bit 59 set means exponent bits 62..60 are 011, clear means 100.
        let top3 = if low >> 59 == 1 { 0b011 } else { 0b100 };
        Some(f64::from_bits((self.0 & SIGN) | (top3 << 60) | low))
    }

    #[inline]
    pub fn is_heap(self) -> bool {
        self.0 != 0 && self.0 & 0xF == 0
    }
    #[inline]
    pub fn as_gc(self) -> Option<GcPtr> {
        if self.is_heap() {
            // SAFETY: heap-tagged values are only ever made from live GcPtrs (from_gc).
            Some(unsafe { GcPtr::from_raw(self.0 as *mut weft_gc::GcHeader) })
        } else {
            None
        }
    }
    #[inline]
    pub fn from_gc(p: GcPtr) -> Value {
        Value(p.addr() as u64)
    }
    /// Address used by `id()` and reprs: the heap address, or the word itself.
    pub fn id(self) -> u64 {
        self.0
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(i) = self.as_small_int() {
            write!(f, "Int({i})")
        } else if let Some(x) = self.as_immediate_float() {
            write!(f, "Float({x})")
        } else if self.is_heap() {
            write!(f, "Obj({:#x})", self.0)
        } else {
            match *self {
                Value::NULL => write!(f, "NULL"),
                Value::NONE => write!(f, "None"),
                Value::TRUE => write!(f, "True"),
                Value::FALSE => write!(f, "False"),
                Value::ELLIPSIS => write!(f, "Ellipsis"),
                Value::NOT_IMPLEMENTED => write!(f, "NotImplemented"),
                _ => write!(f, "Value({:#x})", self.0),
            }
        }
    }
}

/// A Value slot that threads read and write without a lock (a word-sized atomic).
#[derive(Debug, Default)]
pub struct AtomicValue(std::sync::atomic::AtomicU64);

impl AtomicValue {
    pub fn new(v: Value) -> AtomicValue {
        AtomicValue(std::sync::atomic::AtomicU64::new(v.raw()))
    }
    #[inline]
    pub fn load(&self) -> Value {
        Value::from_raw(self.0.load(std::sync::atomic::Ordering::Acquire))
    }
    #[inline]
    pub fn store(&self, v: Value) {
        self.0.store(v.raw(), std::sync::atomic::Ordering::Release)
    }
    /// The word itself (for protocols written on atomics, e.g. `weft_core::seal`).
    #[inline]
    pub fn as_atomic(&self) -> &std::sync::atomic::AtomicU64 {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Value;

    #[test]
    fn immediate_floats_round_trip() {
        for f in [
            1.0,
            -1.0,
            0.5,
            2.0,
            std::f64::consts::PI,
            -1e-30,
            1e38,
            1.5e-38,
            123456.789,
        ] {
            let v = Value::float(f).expect("in the immediate range");
            assert!(v.is_immediate_float() && !v.is_heap() && !v.is_small_int());
            assert!(!v.is_singleton() && !v.is_null());
            assert_eq!(v.as_immediate_float().unwrap().to_bits(), f.to_bits());
        }
    }

    #[test]
    fn floats_outside_the_range_are_not_immediate() {
        for f in [
            0.0,
            -0.0,
            1e300,
            1e-300,
            f64::INFINITY,
            f64::NAN,
            f64::MIN_POSITIVE,
        ] {
            assert!(Value::float(f).is_none(), "{f}");
        }
        for v in [
            Value::NONE,
            Value::TRUE,
            Value::NULL,
            Value::small_int(5).unwrap(),
        ] {
            assert!(v.as_immediate_float().is_none());
        }
    }
}
