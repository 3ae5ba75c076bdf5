//! Asks the build machine's `python3` where its standard library lives, so that `weft`
//! finds CPython's `Lib` without configuration (DESIGN.md, "The standard library").
//! The answer lands in `WEFT_BUILD_STDLIB` (empty when there is no `python3`: the build
//! never fails for want of it, and start-up then probes the usual folders).
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=WEFT_BUILD_PYTHON");
    let python = std::env::var("WEFT_BUILD_PYTHON").unwrap_or_else(|_| "python3".into());
    let dir = Command::new(python)
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_path('stdlib'))",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    println!("cargo:rustc-env=WEFT_BUILD_STDLIB={dir}");
}
