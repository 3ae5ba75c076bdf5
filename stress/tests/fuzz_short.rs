//! A short seeded run of the differential fuzzer (`src/bin/fuzz`): 2,000 programs under
//! weft (and `python3` when present) must give no crash, panic, abort or hang. Output
//! differences are reported (stress/FUZZ_TRIAGE.md), not failed on.
#![cfg(not(loom))]
use std::process::Command;

#[test]
fn fuzz_2000_programs_without_a_crash() {
    let fuzz = std::path::PathBuf::from(env!("CARGO_BIN_EXE_fuzz"));
    let weft = fuzz.with_file_name("weft");
    if !weft.exists() {
        eprintln!(
            "SKIP: no weft binary beside {} (build the workspace)",
            fuzz.display()
        );
        return;
    }
    let out = std::env::temp_dir().join(format!("weft-fuzz-{}", std::process::id()));
    let o = Command::new(&fuzz)
        .args([
            "--programs",
            "2000",
            "--seed",
            "1",
            "--batch",
            "250",
            "--jobs",
            "2",
        ])
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run fuzz");
    let stdout = String::from_utf8_lossy(&o.stdout);
    eprintln!("{stdout}");
    assert!(o.status.success(), "fuzz found crashes:\n{stdout}");
    assert!(stdout.contains("fuzz: 2000 programs"), "{stdout}");
    let _ = std::fs::remove_dir_all(&out);
}
