//! Running a batch of programs under weft and CPython, and telling crashes, hangs and
//! output differences apart. A batch that crashes or hangs is split: every program of it
//! runs alone, so the report names the program that did it.
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PRELUDE: &str = include_str!("prelude.py");

/// How one interpreter run ended.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    /// None: exited 0. Some(why): a non-zero status, a signal, or a timeout.
    pub failure: Option<String>,
    pub timed_out: bool,
}

/// The text of a batch: the prelude, then each program as a function run by `_run`.
pub fn batch_source(programs: &[(u64, String)]) -> String {
    let mut s = String::from(PRELUDE);
    for (id, body) in programs {
        s.push_str(&format!(
            "\ndef _p{id}():\n{body}    pass\n_run({id}, _p{id})\n"
        ));
    }
    s
}

/// Run `cmd file` with a time limit; kill it (whole) when it runs over.
pub fn run(cmd: &[String], file: &Path, timeout: Duration) -> Outcome {
    let mut child = match Command::new(&cmd[0])
        .args(&cmd[1..])
        .arg(file)
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            return Outcome {
                stdout: String::new(),
                stderr: e.to_string(),
                failure: Some(format!("cannot start {}: {e}", cmd[0])),
                timed_out: false,
            };
        }
    };
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let t_err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                timed_out = true;
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap_or_default()).into_owned();
    let failure = match status {
        Some(s) if s.success() => None,
        Some(s) => Some(s.to_string()),
        None if timed_out => Some(format!("hang (no exit after {timeout:?})")),
        None => Some("lost the child".into()),
    };
    Outcome {
        stdout,
        stderr,
        failure,
        timed_out,
    }
}

/// The output of each program of a batch, by the `# id` lines `_run` prints.
pub fn split_outputs(stdout: &str) -> Vec<(u64, String)> {
    let mut res: Vec<(u64, String)> = Vec::new();
    for line in stdout.lines() {
        if let Some(id) = line.strip_prefix("# ").and_then(|r| r.parse::<u64>().ok()) {
            res.push((id, String::new()));
        } else if let Some(last) = res.last_mut() {
            last.1.push_str(line);
            last.1.push('\n');
        }
    }
    res
}

/// The first line where two outputs differ: (line number, CPython's, weft's).
pub fn first_difference(expected: &str, actual: &str) -> Option<(usize, String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (a.get(i).copied(), b.get(i).copied());
        if x != y {
            let show = |l: Option<&str>| l.unwrap_or("<missing>").chars().take(300).collect();
            return Some((i, show(x), show(y)));
        }
    }
    None
}

/// Same characters in another order: most likely set iteration order, which weft keeps
/// in insertion order and CPython in hash order. Counted apart from real differences.
pub fn order_only(a: &str, b: &str) -> bool {
    let mut x: Vec<char> = a.chars().collect();
    let mut y: Vec<char> = b.chars().collect();
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

/// A scratch file for one batch.
pub fn batch_file(dir: &Path, worker: usize) -> PathBuf {
    dir.join(format!("batch{worker}.py"))
}

/// Both lines report an exception (`E Type: ...` / `X Type: ...`) of the same type.
pub fn same_exception(a: &str, b: &str) -> bool {
    let kind = |l: &str| -> Option<String> {
        let rest = l.strip_prefix("E ").or_else(|| l.strip_prefix("X "))?;
        Some(rest.split(':').next()?.to_string())
    };
    kind(a).is_some() && kind(a) == kind(b)
}
