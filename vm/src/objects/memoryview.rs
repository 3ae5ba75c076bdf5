//! The payload of `memoryview`. The type and its methods live in the runtime's
//! `memoryview` module; the payload is here so that the bytes machinery reads a view as a
//! buffer (`bytes(m)`, `b"".join([m])`, ...).
//!
//! A view is a window of bytes over its exporter (bytes, bytearray or array.array; a view
//! of a view points at the first view's exporter), read afresh on every access, so it
//! sees later writes to a bytearray as CPython's does. weft does not stop a bytearray
//! with live views from being resized; a view of a shrunken buffer reads what is left.
use crate::helpers::unwrap_base;
use crate::objects::array::ArrayData;
use crate::objects::bytes::{ByteArrayData, BytesData};
use crate::payload;
use crate::value::Value;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(crate::trace::Trace)]
pub struct MemoryViewData {
    /// The exporting object (never itself a memoryview).
    pub obj: Value,
    /// The window: `nbytes` bytes from byte `start` of the exporter's buffer.
    pub start: usize,
    pub nbytes: usize,
    /// The item format (a struct code: `B`, `b`, `c`, `h`, ..., `d`, `?`) and its size.
    pub format: char,
    pub itemsize: usize,
    pub readonly: bool,
    /// `release()` was called: every later use raises ValueError.
    pub released: AtomicBool,
}
payload!(MemoryViewData, "memoryview");

impl MemoryViewData {
    pub fn is_released(&self) -> bool {
        self.released.load(Ordering::Acquire)
    }

    pub fn release(&self) {
        self.released.store(true, Ordering::Release);
    }

    /// A copy of the window's bytes as the exporter holds them now (None once released).
    pub fn bytes(&self) -> Option<Vec<u8>> {
        if self.is_released() {
            return None;
        }
        let window = |b: &[u8]| {
            let end = (self.start + self.nbytes).min(b.len());
            b[self.start.min(end)..end].to_vec()
        };
        if let Some(b) = unwrap_base::<BytesData>(&self.obj) {
            return Some(window(&b.0));
        }
        if let Some(b) = unwrap_base::<ByteArrayData>(&self.obj) {
            return Some(window(&b.0.lock()));
        }
        unwrap_base::<ArrayData>(&self.obj).map(|a| window(&a.data.lock()))
    }
}
