//! `fuzz`: a differential fuzzer. It generates random valid Python programs (`programs.rs`),
//! runs them in batches under weft and CPython (`run.rs`), and reports crashes, panics,
//! aborts and hangs (always) and output differences (when `python3` is there).
//!
//! ```text
//! fuzz [--programs N] [--seed S] [--batch B] [--jobs J] [--weft PATH] [--python CMD|none]
//!      [--weft-args "..."] [--out DIR] [--show ID]
//! ```
//! Program `ID` of seed `S` is always the same text: `fuzz --seed S --show ID` prints it.
//! Exit status: 0 clean (differences alone do not fail), 1 crashes or hangs, 2 usage.
mod programs;
mod run;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

struct Opts {
    programs: u64,
    seed: u64,
    batch: u64,
    jobs: usize,
    weft: Vec<String>,
    python: Option<String>,
    out: PathBuf,
    show: Option<u64>,
}

fn usage(msg: &str) -> ! {
    eprintln!(
        "fuzz: {msg}\nusage: fuzz [--programs N] [--seed S] [--batch B] [--jobs J] [--weft PATH] \
         [--weft-args ARGS] [--python CMD|none] [--out DIR] [--show ID]"
    );
    std::process::exit(2)
}

fn parse() -> Opts {
    let exe = std::env::current_exe().unwrap_or_default();
    let mut o = Opts {
        programs: 2000,
        seed: 1,
        batch: 200,
        jobs: 2,
        weft: vec![exe.with_file_name("weft").to_string_lossy().into_owned()],
        python: Some("python3".into()),
        out: PathBuf::from("fuzz-out"),
        show: None,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut extra = Vec::new();
    let mut it = argv.iter();
    while let Some(flag) = it.next() {
        let val = it
            .next()
            .unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        let num = || {
            val.parse::<u64>()
                .unwrap_or_else(|e| usage(&format!("{flag}: {e}")))
        };
        match flag.as_str() {
            "--programs" => o.programs = num(),
            "--seed" => o.seed = num(),
            "--batch" => o.batch = num().max(1),
            "--jobs" => o.jobs = num().max(1) as usize,
            "--weft" => o.weft[0] = val.clone(),
            "--weft-args" => extra = val.split_whitespace().map(String::from).collect(),
            "--python" => o.python = (val != "none").then(|| val.clone()),
            "--out" => o.out = PathBuf::from(val),
            "--show" => o.show = Some(num()),
            _ => usage(&format!("unknown option {flag}")),
        }
    }
    o.weft.extend(extra);
    o
}

/// Program `id` of a run seeded with `seed`.
fn program(seed: u64, id: u64) -> String {
    let mut rng = programs::Rng::new(seed.wrapping_mul(0x1000_0000_01b3) ^ id);
    programs::Gen::new(&mut rng).program()
}

#[derive(Default)]
struct Report {
    crashes: Vec<String>,
    diffs: Vec<String>,
    /// Difference signature (digits blurred) -> (count, first program id).
    signatures: HashMap<String, (u64, u64)>,
    order_only: u64,
    /// Differences in an exception's message only (same type).
    wording: u64,
    slow: u64,
    /// First program id of each batch CPython did not finish in time.
    slow_batches: Vec<u64>,
}

struct Shared {
    o: Opts,
    next_batch: AtomicU64,
    done: AtomicU64,
    report: Mutex<Report>,
}

fn main() {
    let o = parse();
    if let Some(id) = o.show {
        print!("{}", run::batch_source(&[(id, program(o.seed, id))]));
        return;
    }
    let python = o.python.clone().filter(|p| {
        std::process::Command::new(p)
            .arg("-c")
            .arg("pass")
            .status()
            .is_ok_and(|s| s.success())
    });
    if python.is_none() {
        eprintln!("fuzz: no python3: checking for crashes and hangs only");
    }
    std::fs::create_dir_all(&o.out).unwrap_or_else(|e| usage(&format!("--out: {e}")));
    let jobs = o.jobs;
    let shared = Shared {
        o: Opts { python, ..o },
        next_batch: AtomicU64::new(0),
        done: AtomicU64::new(0),
        report: Mutex::new(Report::default()),
    };
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for w in 0..jobs {
            let shared = &shared;
            s.spawn(move || worker(shared, w));
        }
    });
    let r = shared.report.into_inner().unwrap();
    let done = shared.done.load(Ordering::Relaxed);
    write_reports(&shared.o.out, &r);
    println!(
        "fuzz: {done} programs (seed {}) in {:.1}s: {} crashes/hangs, {} differences ({} kinds, {} in \
         message wording only), {} order-only, {} batches too slow under CPython; reports in {}",
        shared.o.seed,
        t0.elapsed().as_secs_f64(),
        r.crashes.len(),
        r.diffs.len(),
        r.signatures.len(),
        r.wording,
        r.order_only,
        r.slow,
        shared.o.out.display()
    );
    for c in r.crashes.iter().take(5) {
        println!("{c}");
    }
    std::process::exit(if r.crashes.is_empty() { 0 } else { 1 });
}

fn worker(sh: &Shared, w: usize) {
    let o = &sh.o;
    let file = run::batch_file(&o.out, w);
    loop {
        let b = sh.next_batch.fetch_add(1, Ordering::Relaxed);
        let first = b * o.batch;
        if first >= o.programs {
            return;
        }
        let ids = first..(first + o.batch).min(o.programs);
        let progs: Vec<(u64, String)> = ids.map(|id| (id, program(o.seed, id))).collect();
        check_batch(sh, &file, &progs);
        let n = sh.done.fetch_add(progs.len() as u64, Ordering::Relaxed) + progs.len() as u64;
        if n % 20_000 < o.batch {
            eprintln!("fuzz: {n} programs");
        }
    }
}

fn crashed(out: &run::Outcome) -> Option<String> {
    if let Some(f) = &out.failure {
        return Some(f.clone());
    }
    let bad = [
        "panicked at",
        "RUST_BACKTRACE",
        "heap verif",
        "fatal",
        "Fatal",
    ];
    bad.iter()
        .any(|b| out.stderr.contains(b))
        .then(|| "exit 0 with a panic or fatal error on stderr".into())
}

fn check_batch(sh: &Shared, file: &Path, progs: &[(u64, String)]) {
    let o = &sh.o;
    std::fs::write(file, run::batch_source(progs)).expect("write batch");
    let (expected, limit) = match &o.python {
        Some(py) => {
            let t = Instant::now();
            let e = run::run(std::slice::from_ref(py), file, Duration::from_secs(20));
            if e.timed_out {
                let mut r = sh.report.lock().unwrap();
                r.slow += 1;
                r.slow_batches.push(progs[0].0);
                return;
            }
            (Some(e), (t.elapsed() * 20).max(Duration::from_secs(30)))
        }
        None => (None, Duration::from_secs(60)),
    };
    let got = run::run(&o.weft, file, limit);
    if crashed(&got).is_some() {
        if progs.len() == 1 {
            record_crash(sh, file, &progs[0], &got, expected.as_ref());
        } else {
            // Find the culprit(s): each program alone.
            for p in progs {
                check_batch(sh, file, std::slice::from_ref(p));
            }
        }
        return;
    }
    let Some(expected) = expected else { return };
    let want: HashMap<u64, String> = run::split_outputs(&expected.stdout).into_iter().collect();
    let have: HashMap<u64, String> = run::split_outputs(&got.stdout).into_iter().collect();
    let mut r = sh.report.lock().unwrap();
    for (id, src) in progs {
        let (a, b) = (
            want.get(id).map_or("", |s| s),
            have.get(id).map_or("", |s| s),
        );
        let Some((line, x, y)) = run::first_difference(a, b) else {
            continue;
        };
        if run::order_only(&x, &y) {
            r.order_only += 1;
            continue;
        }
        let wording = run::same_exception(&x, &y);
        if wording {
            r.wording += 1;
        }
        let sig = format!(
            "{}{}",
            if wording { "[wording] " } else { "" },
            signature(&x, &y)
        );
        let e = r.signatures.entry(sig).or_insert((0, *id));
        e.0 += 1;
        if r.diffs.len() < 5000 {
            r.diffs.push(format!(
                "## program {id} (seed {}), output line {line}\npython3: {x}\nweft:    {y}\n{src}",
                o.seed
            ));
        }
    }
}

/// What kind of difference this is, with the specifics (numbers, quoted text) blurred.
fn signature(x: &str, y: &str) -> String {
    let blur = |s: &str| -> String {
        let mut out = String::new();
        let mut quoted = false;
        for c in s.chars().take(80) {
            if c == '\'' {
                quoted = !quoted;
                out.push(c);
            } else if quoted {
                continue;
            } else if c.is_ascii_digit() {
                if !out.ends_with('#') {
                    out.push('#');
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    format!("python3: {}\nweft:    {}", blur(x), blur(y))
}

fn record_crash(
    sh: &Shared,
    file: &Path,
    prog: &(u64, String),
    got: &run::Outcome,
    py: Option<&run::Outcome>,
) {
    let why = crashed(got).unwrap_or_default();
    if got.timed_out && py.is_none_or(|p| p.timed_out) {
        sh.report.lock().unwrap().slow += 1;
        return;
    }
    let stderr: String = got
        .stderr
        .chars()
        .rev()
        .take(3000)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let text = format!(
        "## program {} (seed {}): {why}\n{}\n--- stderr (tail)\n{stderr}\n",
        prog.0,
        sh.o.seed,
        run::batch_source(std::slice::from_ref(prog)),
    );
    let _ = std::fs::copy(
        file,
        sh.o.out.join(format!("crash-{}-{}.py", sh.o.seed, prog.0)),
    );
    sh.report.lock().unwrap().crashes.push(text);
}

fn write_reports(dir: &Path, r: &Report) {
    let mut f = std::fs::File::create(dir.join("crashes.txt")).expect("crashes.txt");
    for c in &r.crashes {
        let _ = writeln!(f, "{c}");
    }
    let mut f = std::fs::File::create(dir.join("diffs.txt")).expect("diffs.txt");
    for d in &r.diffs {
        let _ = writeln!(f, "{d}");
    }
    let slow: Vec<String> = r.slow_batches.iter().map(u64::to_string).collect();
    let _ = std::fs::write(dir.join("slow.txt"), slow.join("\n"));
    let mut sigs: Vec<_> = r.signatures.iter().collect();
    sigs.sort_by_key(|s| std::cmp::Reverse(s.1.0));
    let mut f = std::fs::File::create(dir.join("kinds.txt")).expect("kinds.txt");
    for (sig, (n, first)) in sigs {
        let _ = writeln!(f, "{n} times, first program {first}\n{sig}\n");
    }
}
