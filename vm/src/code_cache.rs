//! A cache of compiled modules on disk, weft's `__pycache__`: importing a module whose
//! source weft compiled before loads the code instead of parsing and compiling again
//! (CPython reads `.pyc` files the same way).
//!
//! An entry is named by a hash of everything the compiled code depends on: the source
//! text, the file name (it is in the code and its tracebacks), the compiler's settings
//! (optimisation level, `-X no_debug_ranges`) and the weft build (the executable's size and modification time, so a rebuilt
//! compiler never reads an older build's entries). Entries are never invalidated, only
//! missed: an edited source has another name. An entry that cannot be read or decoded is
//! a miss; a failure to write one is ignored. Entries are written to a temporary file
//! and renamed into place, so a reader sees a whole entry or none.
//!
//! Where: a folder per weft build in `$WEFT_CACHE_DIR`, else `$XDG_CACHE_HOME/weft`,
//! else `~/.cache/weft`, of which the eight newest builds are kept; `WEFT_CACHE_DIR=`
//! (empty) turns the cache off.
use crate::compiler::CompileError;
use crate::compiler::bytecode::CodeData;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Builds whose entries are kept (each build has its own folder; see `prune`).
const KEPT_BUILDS: usize = 8;

/// The cache's folder for this build, once per process (None: no cache).
fn cache_dir() -> Option<&'static PathBuf> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = match std::env::var_os("WEFT_CACHE_DIR") {
            Some(d) if d.is_empty() => return None,
            Some(d) => PathBuf::from(d),
            None => match std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
                Some(d) => PathBuf::from(d).join("weft"),
                None => PathBuf::from(std::env::var_os("HOME")?).join(".cache/weft"),
            },
        };
        let dir = base.join(format!("{:016x}", build_id()));
        if !dir.is_dir() {
            std::fs::create_dir_all(&dir).ok()?;
            prune(&base);
        }
        Some(dir)
    })
    .as_ref()
}

/// Remove the folders of all but the [`KEPT_BUILDS`] most recently made builds (run
/// when a new build first caches something, so rebuilding weft does not fill the disk).
fn prune(base: &std::path::Path) {
    let Ok(rd) = std::fs::read_dir(base) else {
        return;
    };
    let mut builds: Vec<(std::time::SystemTime, PathBuf)> = rd
        .filter_map(|e| {
            let e = e.ok()?;
            let t = e.metadata().ok()?.modified().ok()?;
            e.file_type().ok()?.is_dir().then(|| (t, e.path()))
        })
        .collect();
    builds.sort_by_key(|b| std::cmp::Reverse(b.0));
    for (_, old) in builds.into_iter().skip(KEPT_BUILDS) {
        let _ = std::fs::remove_dir_all(old);
    }
}

/// Identifies this build of weft (see the module doc); 0 when unknown.
fn build_id() -> u64 {
    static ID: OnceLock<u64> = OnceLock::new();
    *ID.get_or_init(|| {
        let meta = std::env::current_exe().and_then(std::fs::metadata);
        let Ok(meta) = meta else { return 0 };
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        mtime ^ meta.len().rotate_left(32)
    })
}

/// The entry's file for this source: two independent 64-bit hashes of the inputs.
fn entry_path(dir: &std::path::Path, source: &str, filename: &str) -> PathBuf {
    // Every compiler setting that changes the code it makes is part of the key.
    let settings = (
        crate::compiler::optimize(),
        crate::compiler::no_debug_ranges(),
    );
    let half = |seed: u64| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (seed, build_id(), settings, filename, source).hash(&mut h);
        h.finish()
    };
    dir.join(format!("{:016x}{:016x}.wc", half(1), half(2)))
}

/// Compile a module's `source`, or load the code compiled from the same inputs before.
pub fn compile_module(
    source: &str,
    filename: &str,
    compile: impl FnOnce() -> Result<Arc<CodeData>, CompileError>,
) -> Result<Arc<CodeData>, CompileError> {
    let Some(dir) = cache_dir() else {
        return compile();
    };
    let path = entry_path(dir, source, filename);
    if let Ok(bytes) = std::fs::read(&path)
        && let Ok(code) = bincode::deserialize::<CodeData>(&bytes)
        // A damaged entry is compiled afresh (the loop trusts the flow check).
        && crate::compiler::verify(&code).is_ok()
    {
        return Ok(Arc::new(code));
    }
    let code = compile()?;
    if let Ok(bytes) = bincode::serialize(&*code) {
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
    Ok(code)
}
