//! Finding CPython's pure-Python `Lib` folder at start-up (DESIGN.md, "The standard
//! library"), and the `WEFTPATH` entries that come before it on `sys.path`.
//!
//! Order: `-X stdlib=DIR|none`, then `WEFTSTDLIB=DIR|none`, then the folder the build
//! machine's `python3` reported (`build.rs`), then `/usr/local/lib/python3.N` and
//! `/usr/lib/python3.N`, newest N first. Only file-existence checks: no process is
//! spawned, so start-up stays fast.
use weft_vm::vm::Stdlib;

/// The oldest CPython whose `Lib` weft runs.
const OLDEST_MINOR: u32 = 10;
/// The newest minor version probed.
const NEWEST_MINOR: u32 = 20;

/// `python3 -c 'import sysconfig; print(sysconfig.get_path("stdlib"))'` at build time.
const BUILD_STDLIB: &str = env!("WEFT_BUILD_STDLIB");

/// Whether `dir` looks like a CPython `Lib` folder (not, say, a `dist-packages` shell).
fn is_lib(dir: &str) -> bool {
    let p = std::path::Path::new(dir);
    p.join("os.py").is_file() && p.join("enum.py").is_file()
}

/// The `Lib` to use, from `-X stdlib=...` (`xopt`), `WEFTSTDLIB`, or the search.
pub fn find(xopt: Option<&str>) -> Stdlib {
    let env = std::env::var("WEFTSTDLIB").ok().filter(|s| !s.is_empty());
    match xopt.or(env.as_deref()) {
        Some("none") => Stdlib::Disabled,
        // Named explicitly: used as given, so a wrong folder shows up in sys.path.
        Some(dir) => Stdlib::Dir(dir.to_string()),
        None => search(),
    }
}

fn search() -> Stdlib {
    if !BUILD_STDLIB.is_empty() && is_lib(BUILD_STDLIB) {
        return Stdlib::Dir(BUILD_STDLIB.to_string());
    }
    for minor in (OLDEST_MINOR..=NEWEST_MINOR).rev() {
        for prefix in ["/usr/local/lib", "/usr/lib"] {
            let dir = format!("{prefix}/python3.{minor}");
            if is_lib(&dir) {
                return Stdlib::Dir(dir);
            }
        }
    }
    Stdlib::NotFound
}

/// `WEFTPATH`, colon-separated like `PYTHONPATH` (empty entries dropped).
pub fn weftpath() -> Vec<String> {
    std::env::var("WEFTPATH")
        .unwrap_or_default()
        .split(':')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}
