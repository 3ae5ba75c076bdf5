//! Memory that objects own outside the block heap (list storage, str and bytes text)
//! requests collections and counts against `-X heapsize` (`weft_gc::external`).
use std::process::{Command, Output, Stdio};

fn weft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run weft")
}

/// `peak_mib()`: the process's peak resident set (VmHWM) in MiB.
const PEAK_FN: &str = "
def peak_mib():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            return int(line.split()[1]) // 1024
";

fn peak_mib(out: &str) -> usize {
    out.lines()
        .find_map(|l| l.strip_prefix("peak "))
        .and_then(|n| n.trim().parse().ok())
        .expect("peak line")
}

#[test]
fn big_payloads_are_collected() {
    // 20 strings of 100 MB, each dropped by the next: without payload accounting the
    // heap sees a few small objects and never collects (2 GB resident).
    let script = format!(
        "for i in range(20):\n    b = b'x' * 100_000_000\n    s = 'y' * 50_000_000\n\
         print(len(b), len(s))\n{PEAK_FN}print('peak', peak_mib())\n"
    );
    let o = weft(&["-c", &script]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.starts_with("100000000 50000000\n"), "{out}");
    let peak = peak_mib(&out);
    assert!(peak < 800, "peak RSS {peak} MiB");
}

#[test]
fn growing_lists_hit_the_heap_limit() {
    // A list of small ints allocates nothing in the block heap: only its storage grows.
    // The peak is measured after the first MemoryError, above the start-up footprint.
    let script = format!(
        "{PEAK_FN}base = peak_mib()\n\
         def grow(items):\n    x = []\n    while True:\n        x.append(items)\n\
         for items in (7, 'text', b'bytes'):\n    try:\n        grow(items)\n\
         \x20   except MemoryError:\n        print('MemoryError', items)\n\
         \x20       if items == 7:\n            print('growth', peak_mib() - base)\n\
         print('alive', sum(range(10)))\n\
         y = []\nfor i in range(100):\n    y.append(bytes(1000))\nprint(len(y))\n"
    );
    let o = weft(&["-X", "heapsize=64m", "-c", &script]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let growth: usize = out
        .lines()
        .find_map(|l| l.strip_prefix("growth "))
        .and_then(|n| n.parse().ok())
        .expect("growth line");
    assert!(
        growth < 128,
        "RSS grew {growth} MiB with a 64 MiB heap limit"
    );
    let rest: Vec<&str> = out.lines().filter(|l| !l.starts_with("growth")).collect();
    assert_eq!(
        rest,
        [
            "MemoryError 7",
            "MemoryError text",
            "MemoryError b'bytes'",
            "alive 45",
            "100"
        ],
        "{out}"
    );
}
