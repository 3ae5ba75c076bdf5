//! The `weft` command: `weft script.py`, `weft -c CODE`, `weft -m mod`, `weft -`, REPL.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let code = weft_runtime::run_main(args);
    std::process::exit(code);
}
