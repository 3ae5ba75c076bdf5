//! Command-line parsing for the `weft` command, following CPython's `python3` options.

use std::io::IsTerminal;

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Script(String),
    Command(String),
    Module(String),
    /// `weft -` (argv[0] '-') or piped stdin without arguments (argv[0] '').
    Stdin(String),
    /// No arguments and a terminal: the interactive prompt.
    Repl,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub mode: Mode,
    /// Arguments after the script / `-c CODE` / `-m MOD` (become sys.argv[1:]).
    pub args: Vec<String>,
    pub xoptions: Vec<(String, Option<String>)>,
    /// `-W` filters, in order (become `sys.warnoptions`).
    pub warnoptions: Vec<String>,
    pub heap_limit: Option<usize>,
    pub marker_threads: Option<usize>,
    /// `-X gc-verify`: run the heap verifier at every collection.
    pub gc_verify: bool,
    /// `-X gc-zeal[=N]`: collect (with the verifier) at every Nth safepoint poll.
    pub gc_zeal: u32,
    /// `-X gcstats`: print the collector's statistics to stderr at exit.
    pub gcstats: bool,
    /// `-X gclog=FILE`: one line per collection written to FILE.
    pub gclog: Option<String>,
    /// `-i` (or PYTHONINSPECT): the interactive prompt after the program.
    pub inspect: bool,
    /// The one-letter switches given (`-OO` twice), in order: [`Options::count`].
    pub switches: String,
}

impl Options {
    /// How many times switch `c` was given (`-vv` counts 2).
    pub fn count(&self, c: char) -> u8 {
        self.switches.chars().filter(|&x| x == c).count().min(255) as u8
    }

    /// `-E` or `-I`: the PYTHON* environment variables are not read.
    pub fn ignore_environment(&self) -> bool {
        self.count('E') + self.count('I') > 0
    }

    /// PYTHON* variable `name`, unless `-E`/`-I`; empty counts as unset (CPython).
    pub fn env(&self, name: &str) -> Option<String> {
        if self.ignore_environment() {
            return None;
        }
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

/// Outcome of parsing: run something, or exit now (after -h, -V, or a usage error).
#[derive(Debug)]
pub enum Parsed {
    Run(Options),
    Exit(i32),
}

pub const VERSION: &str = "Python 3.14.0";

/// The command's name, from argv[0]'s file name (CPython prints `python3` there).
pub fn prog_name(argv0: Option<&String>) -> String {
    argv0
        .and_then(|a| {
            std::path::Path::new(a)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "weft".into())
}

fn usage_line(prog: &str) -> String {
    format!("usage: {prog} [option] ... [-c cmd | -m mod | file | -] [arg] ...")
}

fn usage_error(prog: &str, msg: &str) -> Parsed {
    eprintln!("{msg}");
    eprintln!("{}", usage_line(prog));
    eprintln!("Try `{prog} -h' for more information.");
    Parsed::Exit(2)
}

fn help(prog: &str) -> String {
    format!(
        "{}
Options:
-c cmd : program passed in as string (terminates option list)
-m mod : run library module as a script (terminates option list)
-h     : print this help message and exit (also -? or --help)
-V     : print the Python version number and exit (also --version)
-X opt : set implementation-specific option; weft knows:
         -X heapsize=N[k|m|g]  heap limit
         -X gc-threads=N       number of marker threads
         -X gc-verify          check the heap at every collection (slow)
         -X gcstats            print collector statistics to stderr at exit
         -X gclog=FILE         write one line per collection to FILE
         -X stdlib=DIR|none    CPython's Lib folder (last on sys.path), or none
         -X emit=bytecode      accepted and ignored
-i     : inspect interactively after running script or command (also PYTHONINSPECT=x)
-O     : remove assert statements and make __debug__ False
-W arg : warning control (also PYTHONWARNINGS=arg); see sys.warnoptions
-E     : ignore PYTHON* environment variables (PYTHONPATH, PYTHONWARNINGS, ...)
-I     : isolate: -E, and no script folder or current folder on sys.path
-P     : no script folder or current folder on sys.path
-u -B -s -S -q -b -d -v -x -R : accepted (shown in sys.flags)
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]
",
        usage_line(prog)
    )
}

/// Parse `N[k|m|g]` (bytes).
pub fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let (num, mult) = match s.chars().last()?.to_ascii_lowercase() {
        'k' => (&s[..s.len() - 1], 1usize << 10),
        'm' => (&s[..s.len() - 1], 1 << 20),
        'g' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.parse::<usize>().ok()?.checked_mul(mult)
}

/// Parse the full argv (argv[0] included).
pub fn parse(argv: &[String]) -> Parsed {
    let prog = prog_name(argv.first());
    let mut xoptions = Vec::new();
    let mut warnoptions = Vec::new();
    let mut mode = None;
    let mut inspect = false;
    let mut switches = String::new();
    let mut i = 1;
    'outer: while i < argv.len() {
        let arg = &argv[i];
        if arg == "--version" {
            println!("{VERSION}");
            return Parsed::Exit(0);
        }
        if arg == "--help" || arg == "--help-all" {
            print!("{}", help(&prog));
            return Parsed::Exit(0);
        }
        if arg == "--" {
            i += 1;
            break;
        }
        if arg == "-" || !arg.starts_with('-') {
            break;
        }
        if arg.starts_with("--") {
            return usage_error(&prog, &format!("unknown option {arg}"));
        }
        let chars: Vec<char> = arg.chars().collect();
        let mut j = 1;
        while j < chars.len() {
            let c = chars[j];
            match c {
                'c' | 'm' | 'X' | 'W' => {
                    let rest: String = chars[j + 1..].iter().collect();
                    let value = if !rest.is_empty() {
                        rest
                    } else if i + 1 < argv.len() {
                        i += 1;
                        argv[i].clone()
                    } else {
                        return usage_error(
                            &prog,
                            &format!("Argument expected for the -{c} option"),
                        );
                    };
                    i += 1;
                    match c {
                        'c' => {
                            mode = Some(Mode::Command(value));
                            break 'outer;
                        }
                        'm' => {
                            mode = Some(Mode::Module(value));
                            break 'outer;
                        }
                        'X' => match value.split_once('=') {
                            Some((k, v)) => xoptions.push((k.to_string(), Some(v.to_string()))),
                            None => xoptions.push((value, None)),
                        },
                        _ => warnoptions.push(value),
                    }
                    continue 'outer;
                }
                'h' | '?' => {
                    print!("{}", help(&prog));
                    return Parsed::Exit(0);
                }
                'V' => {
                    println!("{VERSION}");
                    return Parsed::Exit(0);
                }
                'u' | 'B' | 'E' | 's' | 'S' | 'I' | 'O' | 'q' | 'b' | 'd' | 'v' | 'x' | 'R'
                | 'P' => switches.push(c),
                'i' => {
                    inspect = true;
                    switches.push(c);
                }
                _ => return usage_error(&prog, &format!("Unknown option: -{c}")),
            }
            j += 1;
        }
        i += 1;
    }
    let mode = match mode {
        Some(m) => m,
        None if i < argv.len() => {
            let a = argv[i].clone();
            i += 1;
            if a == "-" {
                Mode::Stdin("-".into())
            } else {
                Mode::Script(a)
            }
        }
        None if inspect || inspect_env(&switches) || std::io::stdin().is_terminal() => Mode::Repl,
        None => Mode::Stdin(String::new()),
    };
    let args = argv.get(i..).unwrap_or(&[]).to_vec();
    inspect |= inspect_env(&switches);
    let mut heap_limit = None;
    let mut marker_threads = None;
    let mut gc_verify = false;
    let mut gc_zeal = 0;
    let mut gcstats = false;
    let mut gclog = None;
    for (k, v) in &xoptions {
        let flag = match v.as_deref() {
            None | Some("1" | "on" | "true") => Some(true),
            Some("0" | "off" | "false") => Some(false),
            Some(_) => None,
        };
        let v = v.as_deref().unwrap_or("");
        match k.as_str() {
            "gc-verify" | "gcstats" => match flag {
                Some(on) if k == "gc-verify" => gc_verify = on,
                Some(on) => gcstats = on,
                None => return usage_error(&prog, &format!("-X {k}: invalid value {v:?}")),
            },
            "heapsize" => match parse_size(v) {
                Some(n) if n > 0 => heap_limit = Some(n),
                _ => return usage_error(&prog, &format!("-X heapsize: invalid size {v:?}")),
            },
            "gc-zeal" => match v {
                "" => gc_zeal = 1,
                _ => match v.parse::<u32>() {
                    Ok(n) if n > 0 => gc_zeal = n,
                    _ => return usage_error(&prog, &format!("-X gc-zeal: invalid period {v:?}")),
                },
            },
            "gclog" if v.is_empty() => {
                return usage_error(&prog, "-X gclog: expected a file name");
            }
            "gclog" => gclog = Some(v.to_string()),
            "stdlib" if v.is_empty() => {
                return usage_error(&prog, "-X stdlib: expected a folder or 'none'");
            }
            "gc-threads" => match v.parse::<usize>() {
                Ok(n) if n > 0 => marker_threads = Some(n),
                _ => return usage_error(&prog, &format!("-X gc-threads: invalid number {v:?}")),
            },
            _ => {}
        }
    }
    Parsed::Run(Options {
        mode,
        args,
        xoptions,
        warnoptions,
        heap_limit,
        marker_threads,
        gc_verify,
        gc_zeal,
        gcstats,
        gclog,
        inspect,
        switches,
    })
}

/// PYTHONINSPECT set (and not ignored by -E/-I).
fn inspect_env(switches: &str) -> bool {
    !switches.contains(['E', 'I'])
        && std::env::var_os("PYTHONINSPECT").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    fn p(args: &[&str]) -> Options {
        let v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse(&v) {
            Parsed::Run(o) => o,
            Parsed::Exit(c) => panic!("exit {c}"),
        }
    }
    #[test]
    fn parses() {
        let o = p(&[
            "weft",
            "-u",
            "-X",
            "foo=bar",
            "-Xemit=bytecode",
            "s.py",
            "-c",
            "x",
        ]);
        assert_eq!(o.mode, Mode::Script("s.py".into()));
        assert_eq!(o.args, vec!["-c", "x"]);
        assert_eq!(o.xoptions[0], ("foo".into(), Some("bar".into())));
        let o = p(&["weft", "-Bcprint(1)", "a"]);
        assert_eq!(o.mode, Mode::Command("print(1)".into()));
        assert_eq!(o.args, vec!["a"]);
        let o = p(&[
            "weft",
            "-X",
            "heapsize=2m",
            "-X",
            "gc-threads=3",
            "-m",
            "mod",
        ]);
        assert_eq!(o.heap_limit, Some(2 << 20));
        assert_eq!(o.marker_threads, Some(3));
        assert_eq!(o.mode, Mode::Module("mod".into()));
        assert!(!o.gc_verify && !o.gcstats);
        let o = p(&["weft", "-X", "gc-verify", "-Xgcstats", "-c", "x"]);
        assert!(o.gc_verify && o.gcstats);
        let o = p(&["weft", "-X", "gc-verify=off", "-Xgcstats=1", "-c", "x"]);
        assert!(!o.gc_verify && o.gcstats);
        assert!(matches!(
            parse(&[
                "weft".into(),
                "-Xgcstats=maybe".into(),
                "-c".into(),
                "x".into()
            ]),
            Parsed::Exit(2)
        ));
        assert_eq!(parse_size("4G"), Some(4 << 30));
        assert_eq!(parse_size("x"), None);
    }
}
