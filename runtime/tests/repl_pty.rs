//! The interactive prompt on a terminal: `repl_pty.py` (python3's `pty` module) types at
//! weft through a pseudo-terminal and checks the screen: a pasted multi-line function,
//! history recall with the up arrow, tab completion, an exception, Ctrl-C in a busy
//! loop and at the prompt, `sys.ps1`, `exit()`, and the history file.
use std::process::Command;

#[test]
fn repl_through_a_pseudo_terminal() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/repl_pty.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_weft"))
        .output()
        .expect("python3 runs the terminal driver");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
