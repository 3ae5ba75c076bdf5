//! `bytes` and `bytearray` payloads, and reading any buffer-exporting object.
pub mod args;
pub mod bytearray;
pub mod methods;
pub mod split;
use crate::helpers::unwrap_base;
use crate::objects::array::ArrayData;
use crate::payload;
use crate::value::Value;

#[derive(crate::trace::Trace)]
pub struct BytesData(pub Box<[u8]>);
payload!(BytesData, "bytes");

/// A `bytearray`: every operation takes the lock once, so single operations are atomic
/// (DESIGN.md invariant 4); no Python code runs while it is held (invariant 3). The
/// lock is biased to the creating thread (`biased_mutex`): no locked instruction for
/// `b[i]` in the usual one-thread case.
#[derive(crate::trace::Trace)]
pub struct ByteArrayData(pub crate::biased_mutex::BiasedMutex<Vec<u8>>);
payload!(ByteArrayData, "bytearray");

impl ByteArrayData {
    pub fn snapshot(&self) -> Vec<u8> {
        self.0.lock().clone()
    }
}

/// A copy of the bytes of an object that exports a buffer (CPython's buffer protocol):
/// bytes, bytearray, array.array and memoryview, or an instance of a subclass of one of them. The
/// copy is taken under the object's lock, so it is a consistent snapshot.
pub fn buffer_bytes(v: &Value) -> Option<Vec<u8>> {
    if let Some(b) = unwrap_base::<BytesData>(v) {
        return Some(b.0.to_vec());
    }
    if let Some(b) = unwrap_base::<ByteArrayData>(v) {
        return Some(b.snapshot());
    }
    if let Some(m) = v.downcast::<crate::objects::memoryview::MemoryViewData>() {
        return m.bytes();
    }
    unwrap_base::<ArrayData>(v).map(|a| a.data.lock().clone())
}

/// Is `v` (or the built-in value inside it) bytes or bytearray?
pub fn is_bytes_or_bytearray(v: &Value) -> bool {
    unwrap_base::<BytesData>(v).is_some() || unwrap_base::<ByteArrayData>(v).is_some()
}
