//! `zlib`: checksums, one-shot `compress`/`decompress`, and the streaming `Compress` and
//! `Decompress` objects (`compressobj`/`decompressobj`) that `gzip`, `zipfile` and
//! others use. The deflate engine is the `flate2` crate on `zlib-rs` (a Rust port of
//! zlib), so window sizes, raw and gzip streams behave as CPython's zlib.
//!
//! A stream object's state sits behind a mutex; the work on it runs under the lock, but
//! results and errors become Python objects only after the lock is released.
// zlib.crc32 is binascii.crc32 (the same function, as the checksums agree by definition).
use super::binascii::{crc32, low_u32};
use super::{new_native_module, new_native_type, set_item};
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use parking_lot::Mutex;
use weft_vm::helpers::as_int;
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::builtin_fn::NativeFn;
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

const DEF_BUF_SIZE: usize = 16384;
const Z_FINISH: i64 = 4;

const FUNCS: &[NativeDef] = &[
    crc32,
    adler32,
    compress,
    decompress,
    compressobj,
    decompressobj,
];

const CONSTANTS: &[(&str, i64)] = &[
    ("MAX_WBITS", 15),
    ("DEFLATED", 8),
    ("DEF_MEM_LEVEL", 8),
    ("DEF_BUF_SIZE", DEF_BUF_SIZE as i64),
    ("Z_NO_COMPRESSION", 0),
    ("Z_BEST_SPEED", 1),
    ("Z_BEST_COMPRESSION", 9),
    ("Z_DEFAULT_COMPRESSION", -1),
    ("Z_FILTERED", 1),
    ("Z_HUFFMAN_ONLY", 2),
    ("Z_RLE", 3),
    ("Z_FIXED", 4),
    ("Z_DEFAULT_STRATEGY", 0),
    ("Z_NO_FLUSH", 0),
    ("Z_PARTIAL_FLUSH", 1),
    ("Z_SYNC_FLUSH", 2),
    ("Z_FULL_FLUSH", 3),
    ("Z_FINISH", Z_FINISH),
    ("Z_BLOCK", 5),
    ("Z_TREES", 6),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "zlib", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let r = (|| {
        vm.exec_in_module(
            "class error(Exception):\n    __module__ = 'zlib'\n",
            "<zlib>",
            m,
        )?;
        for &(name, v) in CONSTANTS {
            let v = vm.new_int(v)?;
            set_item(vm, d, name, v)?;
        }
        for name in ["ZLIB_VERSION", "ZLIB_RUNTIME_VERSION"] {
            let v = vm.new_str("1.3.1")?;
            set_item(vm, d, name, v)?;
        }
        let c = new_native_type(vm, "Compress", "zlib")?;
        let cm: &[(&'static str, NativeFn)] = &[("compress", c_compress.f), ("flush", c_flush.f)];
        super::add_methods(vm, c, cm);
        set_item(vm, d, "_Compress", c)?;
        let dt = new_native_type(vm, "Decompress", "zlib")?;
        let dm: &[(&'static str, NativeFn)] =
            &[("decompress", d_decompress.f), ("flush", d_flush.f)];
        super::add_methods(vm, dt, dm);
        super::add_property(vm, dt, "unused_data", d_unused_data, None)?;
        super::add_property(vm, dt, "unconsumed_tail", d_unconsumed_tail, None)?;
        super::add_property(vm, dt, "eof", d_eof, None)?;
        set_item(vm, d, "_Decompress", dt)
    })();
    r.map(|_| m)
}

/// `zlib.error(msg)`.
fn error(vm: &mut Vm, msg: &str) -> PyErr {
    super::module_exception(vm, "zlib", "error", msg)
}

fn bytes_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    super::bytes_like_arg(vm, v)
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match as_int(v) {
        Some(i) => Ok(i),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
        }
    }
}

// ------------------------------------------------------------ checksums

/// Adler-32 from `value` (default 1): two sums modulo 65521, packed as b << 16 | a.
#[native(name = "adler32")]
fn adler32(vm: &mut Vm, data_arg: Value, value: Option<Value>) -> PyResult {
    let data = bytes_arg(vm, data_arg)?;
    let start = match value.as_ref() {
        Some(&v) => low_u32(vm, v)?,
        None => 1,
    };
    const MOD: u64 = 65521;
    let (mut a, mut b) = ((start & 0xffff) as u64, (start >> 16) as u64);
    // 5552 bytes is the most that can be summed before the u64 sums need reducing
    // (far from overflow, but it keeps the reductions rare).
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += x as u64;
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    vm.new_int(((b << 16) | a) as i64)
}

// ------------------------------------------------------------ stream set-up

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Zlib,
    Raw,
    Gzip,
    /// zlib or gzip, decided by the first byte.
    Auto,
}

/// `wbits` of compression: (container, window bits 9..=15).
fn compress_wbits(w: i64) -> Option<(Container, u8)> {
    let c = match w {
        8..=15 => Container::Zlib,
        -15..=-8 => Container::Raw,
        24..=31 => Container::Gzip,
        _ => return None,
    };
    Some((c, (w.unsigned_abs() % 16).max(9) as u8))
}

/// `wbits` of decompression (0: the window the zlib header states).
fn decompress_wbits(w: i64) -> Option<(Container, u8)> {
    let (c, bits) = match w {
        0 => (Container::Zlib, 15),
        8..=15 => (Container::Zlib, w),
        -15..=-8 => (Container::Raw, -w),
        24..=31 => (Container::Gzip, w - 16),
        40..=47 => (Container::Auto, w - 32),
        _ => return None,
    };
    Some((c, bits.max(9) as u8))
}

fn level_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<Compression> {
    let level = match v {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    match level {
        -1 => Ok(Compression::default()),
        0..=9 => Ok(Compression::new(level as u32)),
        _ => Err(error(vm, "Bad compression level")),
    }
}

fn new_compress(level: Compression, container: Container, bits: u8) -> Compress {
    match container {
        Container::Gzip => Compress::new_gzip(level, bits),
        c => Compress::new_with_window_bits(level, c == Container::Zlib, bits),
    }
}

fn new_decompress(container: Container, bits: u8, first: Option<u8>) -> Decompress {
    match container {
        Container::Gzip => Decompress::new_gzip(bits),
        Container::Auto if first == Some(0x1f) => Decompress::new_gzip(bits),
        c => Decompress::new_with_window_bits(c != Container::Raw, bits),
    }
}

/// Run the compressor over all of `input` with `flush`; the output produced.
fn deflate(c: &mut Compress, input: &[u8], flush: FlushCompress) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    let mut used = 0;
    loop {
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(64));
        }
        let before = c.total_in();
        let out_before = out.len();
        let status = c
            .compress_vec(&input[used..], &mut out, flush)
            .map_err(|e| {
                e.message()
                    .unwrap_or("inconsistent stream state")
                    .to_string()
            })?;
        used += (c.total_in() - before) as usize;
        let room_left = out.len() < out.capacity();
        let done = match flush {
            FlushCompress::Finish => status == Status::StreamEnd,
            _ => used == input.len() && room_left,
        };
        if done {
            return Ok(out);
        }
        // No progress with room to spare: the engine will not move (never loop on it).
        if c.total_in() == before && out.len() == out_before && room_left {
            return Err("inconsistent stream state".to_string());
        }
    }
}

/// What one inflate pass did.
struct Inflated {
    out: Vec<u8>,
    used: usize,
    eof: bool,
    /// The stream asks for its preset dictionary before going on.
    need_dict: bool,
}

const NEED_DICT: &str = "Error 2 while decompressing data";

/// Inflate `input` until it is used up, the stream ends, or `max_len` bytes (0: no
/// limit) are out. Err is zlib's message.
fn inflate(d: &mut Decompress, input: &[u8], max_len: usize) -> Result<Inflated, String> {
    let mut out = Vec::new();
    let mut used = 0;
    let mut buf = vec![0u8; 4 * DEF_BUF_SIZE];
    loop {
        let room = if max_len > 0 {
            (max_len - out.len()).min(buf.len())
        } else {
            buf.len()
        };
        let (in0, out0) = (d.total_in(), d.total_out());
        let r = d.decompress(&input[used..], &mut buf[..room], FlushDecompress::None);
        let status = match r {
            Ok(s) => s,
            Err(e) if e.needs_dictionary().is_some() => {
                used += (d.total_in() - in0) as usize;
                let need_dict = true;
                return Ok(Inflated {
                    out,
                    used,
                    eof: false,
                    need_dict,
                });
            }
            Err(e) => return Err(decompress_message(e)),
        };
        let consumed = (d.total_in() - in0) as usize;
        let produced = (d.total_out() - out0) as usize;
        used += consumed;
        out.extend_from_slice(&buf[..produced]);
        let eof = status == Status::StreamEnd;
        let full = max_len > 0 && out.len() >= max_len;
        // Output room left over with all input used means nothing is pending.
        let drained = produced < room && used == input.len();
        let stuck = consumed == 0 && produced == 0;
        if eof || full || drained || stuck {
            return Ok(Inflated {
                out,
                used,
                eof,
                need_dict: false,
            });
        }
    }
}

fn decompress_message(e: flate2::DecompressError) -> String {
    match e.message() {
        Some(m) => format!("Error -3 while decompressing data: {m}"),
        None => "Error -3 while decompressing data".to_string(),
    }
}

// ------------------------------------------------------------ one-shot functions

/// `compress(data, /, level=-1, wbits=15)`.
#[native(name = "compress")]
fn compress(
    vm: &mut Vm,
    data: Value,
    #[kw] level: Option<Value>,
    #[kw] wbits: Option<Value>,
) -> PyResult {
    let data = bytes_arg(vm, data)?;
    let level = level_arg(vm, level)?;
    let w = match wbits {
        Some(v) => int_arg(vm, v)?,
        None => 15,
    };
    let Some((container, bits)) = compress_wbits(w) else {
        return Err(error(vm, "Bad compression level"));
    };
    let mut c = new_compress(level, container, bits);
    match deflate(&mut c, &data, FlushCompress::Finish) {
        Ok(out) => vm.new_bytes(out),
        Err(m) => Err(error(vm, &format!("Error -2 while compressing data: {m}"))),
    }
}

/// `decompress(data, /, wbits=15, bufsize=16384)`: the whole stream must be there;
/// bytes after its end are ignored.
#[native(name = "decompress")]
fn decompress(
    vm: &mut Vm,
    data: Value,
    #[kw] wbits: Option<Value>,
    #[kw] bufsize: Option<Value>,
) -> PyResult {
    let data = bytes_arg(vm, data)?;
    let w = match wbits {
        Some(v) => int_arg(vm, v)?,
        None => 15,
    };
    if let Some(v) = bufsize
        && int_arg(vm, v)? < 0
    {
        return Err(vm.value_error("bufsize must be non-negative"));
    }
    let Some((container, bits)) = decompress_wbits(w) else {
        return Err(error(
            vm,
            "Error -2 while preparing to decompress data: inconsistent stream state",
        ));
    };
    let mut d = new_decompress(container, bits, data.first().copied());
    match inflate(&mut d, &data, 0) {
        Ok(r) if r.need_dict => Err(error(vm, NEED_DICT)),
        Ok(r) if r.eof => vm.new_bytes(r.out),
        Ok(_) => Err(error(
            vm,
            "Error -5 while decompressing data: incomplete or truncated stream",
        )),
        Err(m) => Err(error(vm, &m)),
    }
}

// ------------------------------------------------------------ Compress objects

struct Deflater {
    c: Compress,
    finished: bool,
}

// SAFETY: compressor state holds no Value.
unsafe impl weft_vm::trace::Trace for Deflater {
    fn trace(&self, _: &mut weft_gc::Tracer) {}
}

#[derive(weft_vm::trace::Trace)]
pub struct CompressData {
    inner: Mutex<Deflater>,
}
weft_vm::payload!(CompressData, "zlib.Compress");

/// `compressobj(level=-1, method=DEFLATED, wbits=MAX_WBITS, memLevel=DEF_MEM_LEVEL,
/// strategy=Z_DEFAULT_STRATEGY, zdict=None)`; memLevel and strategy are accepted and
/// checked but the engine's defaults are used.
#[native(name = "compressobj")]
fn compressobj(
    vm: &mut Vm,
    #[kw] level: Option<Value>,
    #[kw] method: Option<Value>,
    #[kw] wbits: Option<Value>,
    #[kw]
    #[name = "memLevel"]
    mem_level: Option<Value>,
    #[kw]
    #[name = "strategy"]
    _strategy: Option<Value>,
    #[kw] zdict: Option<Value>,
) -> PyResult {
    let level = level_arg(vm, level)?;
    if let Some(v) = method
        && int_arg(vm, v)? != 8
    {
        return Err(vm.value_error("Invalid initialization option"));
    }
    let w = match wbits {
        Some(v) => int_arg(vm, v)?,
        None => 15,
    };
    if let Some(v) = mem_level
        && !(1..=9).contains(&int_arg(vm, v)?)
    {
        return Err(vm.value_error("Invalid initialization option"));
    }
    let Some((container, bits)) = compress_wbits(w) else {
        return Err(vm.value_error("Invalid initialization option"));
    };
    let mut c = new_compress(level, container, bits);
    if let Some(z) = zdict.filter(|v| !v.is_none()) {
        let z = bytes_arg(vm, z)?;
        if c.set_dictionary(&z).is_err() {
            return Err(vm.value_error("Invalid dictionary"));
        }
    }
    let m = vm.import_module("zlib")?;
    let ty = vm.getattr_str(m, "_Compress")?;
    vm.alloc(
        ty,
        CompressData {
            inner: Mutex::new(Deflater { c, finished: false }),
        },
    )
}

#[native(name = "compress", owner = "zlib.Compress")]
fn c_compress(vm: &mut Vm, this: &CompressData, data: Value) -> PyResult {
    let c = this;
    let data = bytes_arg(vm, data)?;
    let r = {
        let mut g = c.inner.lock();
        if g.finished {
            Err("inconsistent stream state".to_string())
        } else {
            deflate(&mut g.c, &data, FlushCompress::None)
        }
    };
    match r {
        Ok(out) => vm.new_bytes(out),
        Err(m) => Err(error(vm, &format!("Error -2 while compressing data: {m}"))),
    }
}

/// `flush(mode=Z_FINISH)`: Z_NO_FLUSH gives nothing; Z_SYNC_FLUSH and Z_FULL_FLUSH
/// flush to a byte boundary; Z_FINISH ends the stream.
#[native(name = "flush", owner = "zlib.Compress")]
fn c_flush(vm: &mut Vm, this: &CompressData, mode: Option<Value>) -> PyResult {
    let c = this;
    let mode = match mode {
        Some(v) => int_arg(vm, v)?,
        None => Z_FINISH,
    };
    let flush = match mode {
        0 => return vm.new_bytes(Vec::new()),
        1 => FlushCompress::Partial,
        2 => FlushCompress::Sync,
        3 => FlushCompress::Full,
        4 => FlushCompress::Finish,
        _ => {
            return Err(error(
                vm,
                "Error -2 while flushing: inconsistent stream state",
            ));
        }
    };
    let r = {
        let mut g = c.inner.lock();
        if g.finished {
            Err("inconsistent stream state".to_string())
        } else {
            let r = deflate(&mut g.c, &[], flush);
            if flush == FlushCompress::Finish {
                g.finished = true;
            }
            r
        }
    };
    match r {
        Ok(out) => vm.new_bytes(out),
        Err(m) => Err(error(vm, &format!("Error -2 while flushing: {m}"))),
    }
}

// ------------------------------------------------------------ Decompress objects

struct Inflater {
    /// Made on the first input when the container is decided by its first byte.
    d: Option<Decompress>,
    container: Container,
    bits: u8,
    zdict: Option<Vec<u8>>,
    unused: Vec<u8>,
    tail: Vec<u8>,
    eof: bool,
    /// `flush()` saw the end of the stream and released the stream (as CPython's
    /// `inflateEnd`): any later call fails.
    ended: bool,
}

// SAFETY: decompressor state and byte buffers hold no Value.
unsafe impl weft_vm::trace::Trace for Inflater {
    fn trace(&self, _: &mut weft_gc::Tracer) {}
}

impl Inflater {
    /// Inflate `input` (up to `max_len` bytes out, 0: no limit) and keep what is left
    /// of it as CPython does: input after the end of the stream goes to
    /// `unused_data`; `unconsumed_tail` is replaced by the leftover when the output
    /// limit stopped the stream, or when it was not empty before the call.
    fn run(&mut self, input: &[u8], max_len: usize) -> Result<Vec<u8>, String> {
        let had_tail = !self.tail.is_empty();
        if self.eof {
            self.unused.extend_from_slice(input);
            if had_tail {
                self.tail = input.to_vec();
            }
            return Ok(Vec::new());
        }
        if self.d.is_none() {
            if input.is_empty() {
                return Ok(Vec::new());
            }
            let mut d = new_decompress(self.container, self.bits, input.first().copied());
            if let (Some(z), Container::Raw) = (&self.zdict, self.container) {
                d.set_dictionary(z)
                    .map_err(|_| "Invalid dictionary".to_string())?;
            }
            self.d = Some(d);
        }
        let d = self.d.as_mut().expect("made above");
        let mut r = inflate(d, input, max_len)?;
        if r.need_dict {
            // The header named a preset dictionary: supply it and go on from there.
            let Some(z) = &self.zdict else {
                return Err(NEED_DICT.to_string());
            };
            d.set_dictionary(z).map_err(|_| NEED_DICT.to_string())?;
            let left = max_len.saturating_sub(r.out.len());
            let more = inflate(d, &input[r.used..], if max_len > 0 { left } else { 0 })?;
            r.out.extend_from_slice(&more.out);
            r.used += more.used;
            r.eof = more.eof;
        }
        let rest = &input[r.used..];
        if r.eof {
            self.eof = true;
            self.unused.extend_from_slice(rest);
        }
        if (!r.eof && !rest.is_empty()) || had_tail {
            self.tail = rest.to_vec();
        }
        Ok(r.out)
    }
}

#[derive(weft_vm::trace::Trace)]
pub struct DecompressData {
    inner: Mutex<Inflater>,
}
weft_vm::payload!(DecompressData, "zlib.Decompress");

/// `decompressobj(wbits=MAX_WBITS, zdict=b'')`.
#[native(name = "decompressobj")]
fn decompressobj(vm: &mut Vm, #[kw] wbits: Option<Value>, #[kw] zdict: Option<Value>) -> PyResult {
    let w = match wbits {
        Some(v) => int_arg(vm, v)?,
        None => 15,
    };
    let Some((container, bits)) = decompress_wbits(w) else {
        return Err(vm.value_error("Invalid initialization option"));
    };
    let zdict = match zdict {
        Some(z) => Some(bytes_arg(vm, z)?).filter(|z| !z.is_empty()),
        None => None,
    };
    let m = vm.import_module("zlib")?;
    let ty = vm.getattr_str(m, "_Decompress")?;
    vm.alloc(
        ty,
        DecompressData {
            inner: Mutex::new(Inflater {
                d: None,
                container,
                bits,
                zdict,
                unused: Vec::new(),
                tail: Vec::new(),
                eof: false,
                ended: false,
            }),
        },
    )
}

fn this_d<'a>(vm: &mut Vm, args: &'a [Value]) -> PyResult<&'a DecompressData> {
    match args.first().and_then(|v| v.downcast::<DecompressData>()) {
        Some(d) => Ok(d),
        None => Err(vm.type_error("a zlib.Decompress object is required")),
    }
}

/// `decompress(data, /, max_length=0)`.
#[native(name = "decompress", owner = "zlib.Decompress")]
fn d_decompress(
    vm: &mut Vm,
    this: &DecompressData,
    data: Value,
    #[kw] max_length: Option<Value>,
) -> PyResult {
    let d = this;
    let data = bytes_arg(vm, data)?;
    let max_len = match max_length {
        Some(v) => int_arg(vm, v)?,
        None => 0,
    };
    if max_len < 0 {
        return Err(vm.value_error("max_length must be non-negative"));
    }
    let r = {
        let mut g = d.inner.lock();
        if g.ended {
            Err("Error -2 while decompressing data: inconsistent stream state".to_string())
        } else {
            g.run(&data, max_len as usize)
        }
    };
    match r {
        Ok(out) => vm.new_bytes(out),
        Err(m) => Err(error(vm, &m)),
    }
}

/// `flush(length=DEF_BUF_SIZE)`: inflate what `unconsumed_tail` holds.
#[native(name = "flush", owner = "zlib.Decompress")]
fn d_flush(vm: &mut Vm, this: &DecompressData, length: Option<Value>) -> PyResult {
    let d = this;
    if let Some(v) = length
        && int_arg(vm, v)? <= 0
    {
        return Err(vm.value_error("length must be greater than zero"));
    }
    let r = {
        let mut g = d.inner.lock();
        if g.ended {
            Err("Error -2 while flushing: inconsistent stream state".to_string())
        } else {
            let tail = g.tail.clone();
            let r = g.run(&tail, 0);
            g.ended = g.eof;
            r
        }
    };
    match r {
        Ok(out) => vm.new_bytes(out),
        Err(m) => Err(error(vm, &m)),
    }
}

fn d_unused_data(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let b = this_d(vm, args)?.inner.lock().unused.clone();
    vm.new_bytes(b)
}

fn d_unconsumed_tail(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let b = this_d(vm, args)?.inner.lock().tail.clone();
    vm.new_bytes(b)
}

fn d_eof(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    Ok(Value::bool(this_d(vm, args)?.inner.lock().eof))
}
