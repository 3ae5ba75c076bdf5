//! Uncaught exceptions print CPython 3.11's traceback to stderr: column markers, chain
//! separators, repeated frames cut short, `sys.tracebacklimit`. Each `tests/uncaught/NAME.py`
//! runs under `weft`; its stderr must be `NAME.py.err` (CPython's text, file names made
//! relative to that folder) and its exit status 1.
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("uncaught")
        .canonicalize()
        .expect("tests/uncaught")
}

#[test]
fn uncaught_tracebacks_as_cpython() {
    let dir = dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "tests/uncaught has its programs");
    let mut failures = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let want = std::fs::read_to_string(format!("{}.err", f.display())).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_weft"))
            .arg(&name)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .output()
            .expect("run weft");
        // weft, like CPython 3.9+, names the script by its absolute path.
        let got = String::from_utf8_lossy(&out.stderr).replace(&format!("{}/", dir.display()), "");
        if got != want || out.status.code() != Some(1) {
            failures.push(format!(
                "{name} (status {:?})\n--- expected\n{want}--- weft\n{got}",
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `-X no_debug_ranges` and PYTHONNODEBUGRANGES: the same tracebacks without markers,
/// and no columns in `co_positions()`.
#[test]
fn no_debug_ranges_drops_the_markers() {
    let dir = dir();
    let want = std::fs::read_to_string(dir.join("binop_in_frames.py.err")).unwrap();
    let want: String = want
        .split_inclusive('\n')
        .filter(|l| !l.trim_end().chars().all(|c| matches!(c, ' ' | '~' | '^')))
        .collect();
    for (args, env) in [
        (vec!["-X", "no_debug_ranges", "binop_in_frames.py"], None),
        (vec!["binop_in_frames.py"], Some("1")),
    ] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_weft"));
        cmd.args(&args).current_dir(&dir).stdin(Stdio::null());
        match env {
            Some(v) => cmd.env("PYTHONNODEBUGRANGES", v),
            None => cmd.env_remove("PYTHONNODEBUGRANGES"),
        };
        let out = cmd.output().expect("run weft");
        let got = String::from_utf8_lossy(&out.stderr).replace(&format!("{}/", dir.display()), "");
        assert_eq!(got, want, "{args:?}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args([
            "-X",
            "no_debug_ranges",
            "-c",
            "def f(): return 1 + 2\nprint({p[2:] for p in f.__code__.co_positions()})",
        ])
        .output()
        .expect("run weft");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{(None, None)}\n");
}
