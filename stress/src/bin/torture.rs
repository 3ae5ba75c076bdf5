//! `torture --seconds N --threads T [--seed S] [--gc-threads M] [--zeal Z]`: run the randomized
//! multi-threaded workload in `torture.py` inside weft (under the heap verifier, with a
//! small heap so that collections are frequent) and fail on any invariant violation,
//! crash or hang. `--zeal Z` adds `-X gc-zeal=Z` (a collection at every Zth poll).
#![cfg_attr(loom, allow(dead_code))]
#[cfg(not(loom))]
use std::time::Duration;

const WORKLOAD: &str = include_str!("../torture.py");

struct Args {
    seconds: u64,
    threads: u64,
    seed: u64,
    gc_threads: u64,
    zeal: u64,
}

fn parse() -> Result<Args, String> {
    let mut a = Args {
        seconds: 10,
        threads: 4,
        seed: 1,
        gc_threads: 2,
        zeal: 0,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut it = argv.iter();
    while let Some(flag) = it.next() {
        let val = it
            .next()
            .ok_or(format!("{flag} needs a value"))?
            .parse::<u64>()
            .map_err(|e| format!("{flag}: {e}"))?;
        match flag.as_str() {
            "--seconds" => a.seconds = val,
            "--threads" => a.threads = val.max(1),
            "--seed" => a.seed = val,
            "--gc-threads" => a.gc_threads = val.max(1),
            "--zeal" => a.zeal = val,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(a)
}

#[cfg(loom)]
fn main() {}

#[cfg(not(loom))]
fn main() {
    let a = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "torture: {e}\nusage: torture --seconds N --threads T [--seed S] [--gc-threads M] [--zeal Z]"
            );
            std::process::exit(2);
        }
    };
    // A hang is a failure too: give the run generous slack, then abort.
    let limit = Duration::from_secs(a.seconds * 3 + 60);
    std::thread::spawn(move || {
        std::thread::sleep(limit);
        eprintln!("torture: HANG (no result after {limit:?})");
        std::process::abort();
    });
    let program = format!(
        "SECONDS = {}\nTHREADS = {}\nSEED = {}\n{WORKLOAD}",
        a.seconds, a.threads, a.seed
    );
    let mut args = vec![
        "weft".to_string(),
        "-X".into(),
        "gc-verify".into(),
        "-X".into(),
        "heapsize=256m".into(),
        "-X".into(),
        format!("gc-threads={}", a.gc_threads),
    ];
    if a.zeal > 0 {
        args.extend(["-X".to_string(), format!("gc-zeal={}", a.zeal)]);
    }
    args.extend(["-c".to_string(), program]);
    let code = weft_runtime::run_main(args);
    if code != 0 {
        eprintln!("torture: FAILED (exit status {code}, seed {})", a.seed);
    }
    std::process::exit(code);
}
