//! `bytes` and `bytearray`.
use crate::payload;
use parking_lot::Mutex;

pub struct BytesData(pub Box<[u8]>);
payload!(BytesData, "bytes");

pub struct ByteArrayData(pub Mutex<Vec<u8>>);
payload!(ByteArrayData, "bytearray");
