//! `Value`: one tagged 64-bit word.
//!
//! | bits            | meaning                                           |
//! | --------------- | ------------------------------------------------- |
//! | `...xxx1`       | small int, the value is `word >> 1` (63 bits)     |
//! | `...0000`, != 0 | pointer to a heap object (16-byte aligned header) |
//! | `k<<4 | 0b0010` | a singleton: None, False, True, Ellipsis, ...     |
//! | `0`             | NULL: "no value" (unbound local, empty slot)      |
//!
//! Values are `Copy`. A heap pointer stays valid while the object is reachable from a
//! root; Rust code that keeps one across a safepoint must root it (DESIGN.md inv. 1).
use weft_gc::GcPtr;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct Value(u64);

const SINGLETON_TAG: u64 = 0b0010;

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
