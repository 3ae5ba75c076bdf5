//! The payload of `array.array`. The type, its constructor and its methods live in the
//! runtime's `array` module; the payload is here so that the bytes machinery can read an
//! array as a buffer (`bytes(a)`, `b"x" + a`, `bytearray(b) == a`, ...).
use crate::payload;
use parking_lot::Mutex;

#[derive(crate::trace::Trace)]
pub struct ArrayData {
    /// One of `bBuwhHiIlLqQfd`.
    pub typecode: char,
    /// The items in native byte order, `itemsize(typecode)` bytes each. Every operation
    /// takes the lock once and runs no Python code while holding it.
    pub data: Mutex<Vec<u8>>,
}
payload!(ArrayData, "array");

/// The size in bytes of one item of typecode `tc` (0 for an unknown typecode).
pub fn itemsize(tc: char) -> usize {
    match tc {
        'b' | 'B' => 1,
        'h' | 'H' => 2,
        'i' | 'I' | 'f' | 'u' | 'w' => 4,
        'l' | 'L' | 'q' | 'Q' | 'd' => 8,
        _ => 0,
    }
}

impl ArrayData {
    pub fn itemsize(&self) -> usize {
        itemsize(self.typecode)
    }
}
