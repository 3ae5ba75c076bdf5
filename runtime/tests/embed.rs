//! The embedding API, used as a Rust program would: only `weft_runtime::embed`'s
//! public items. One interpreter may exist per process at a time, so the tests take
//! turns (and each runs on a thread with an ordinary 8 MiB stack).
mod common;
use common::Scratch;
use std::sync::Mutex;
use weft_runtime::embed::{Interpreter, InterpreterConfig, Object};

static TURN: Mutex<()> = Mutex::new(());

/// Run `f` with a fresh interpreter on a new 8 MiB thread, one test at a time.
fn with_interpreter(f: impl FnOnce(&mut Interpreter) + Send + 'static) {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let mut py = Interpreter::new(InterpreterConfig::default()).expect("start");
            f(&mut py);
        })
        .unwrap()
        .join()
        .expect("the test thread panicked");
}

#[test]
fn run_code_and_call_functions() {
    with_interpreter(|py| {
        py.run(
            "import math\n\
             def hyp(a, b):\n    return math.sqrt(a * a + b * b)\n\
             def tally(words):\n    return {w: len(w) for w in words}\n\
             counter = 0\n",
        )
        .unwrap();
        let hyp = py.global("hyp").unwrap();
        let args = [py.to_py(3.0).unwrap(), py.to_py(4).unwrap()];
        let r = py.call(&hyp, &args).unwrap();
        assert_eq!(py.extract::<f64>(&r).unwrap(), 5.0);

        // Containers and strings both ways.
        let tally = py.global("tally").unwrap();
        let words = py.to_py(vec!["a", "bb", "ccc"]).unwrap();
        let d = py.call(&tally, &[words]).unwrap();
        assert_eq!(py.repr(&d).unwrap(), "{'a': 1, 'bb': 2, 'ccc': 3}");
        let keys: Vec<String> = {
            let keys_method = py.getattr(&d, "keys").unwrap();
            let k = py.call(&keys_method, &[]).unwrap();
            py.extract(&k).unwrap()
        };
        assert_eq!(keys, ["a", "bb", "ccc"]);

        // Globals set from Rust are seen by Python code, and state persists.
        py.set_global("step", 5).unwrap();
        for _ in 0..3 {
            py.run("counter += step").unwrap();
        }
        assert_eq!(py.eval_as::<i64>("counter").unwrap(), 15);
        assert_eq!(py.eval_as::<Option<i64>>("None").unwrap(), None);
        assert_eq!(
            py.eval_as::<Vec<i64>>("[x * x for x in range(5)]").unwrap(),
            [0, 1, 4, 9, 16]
        );
        assert!(py.eval_as::<bool>("2 ** 100 > 10 ** 30").unwrap());
        let big = py.eval("2 ** 100").unwrap();
        assert!(py.extract::<i64>(&big).is_err());

        // Modules from the standard library.
        let json = py.import("json").unwrap();
        let dumps = py.getattr(&json, "dumps").unwrap();
        let v = py.to_py(vec![Some(1), None]).unwrap();
        let s = py.call(&dumps, &[v]).unwrap();
        assert_eq!(py.extract::<String>(&s).unwrap(), "[1, null]");
    });
}

#[test]
fn objects_stay_alive_across_collections() {
    with_interpreter(|py| {
        // Objects held only by Rust survive collections and churn.
        let kept: Vec<Object> = (0..200)
            .map(|i| py.eval(&format!("[{i}] * 3 + ['x' * {i}]")).unwrap())
            .collect();
        py.run("import gc\nfor i in range(20000):\n    [i, str(i)]\ngc.collect()\n")
            .unwrap();
        for (i, o) in kept.iter().enumerate() {
            let v: Vec<Object> = py.extract(o).unwrap();
            assert_eq!(v.len(), 4);
            assert_eq!(py.extract::<i64>(&v[0]).unwrap(), i as i64);
            assert_eq!(py.extract::<String>(&v[3]).unwrap(), "x".repeat(i));
        }
        let copy = kept[7].clone();
        drop(kept);
        py.run("gc.collect()").unwrap();
        assert_eq!(py.repr(&copy).unwrap(), "[7, 7, 7, 'xxxxxxx']");
    });
}

#[test]
fn exceptions_are_rust_errors() {
    with_interpreter(|py| {
        py.run("def check(n):\n    if n < 0:\n        raise ValueError(f'negative: {n}')\n    return n\n")
            .unwrap();
        let check = py.global("check").unwrap();
        let arg = py.to_py(-3).unwrap();
        let err = py.call(&check, &[arg]).unwrap_err();
        assert_eq!(err.type_name, "ValueError");
        assert_eq!(err.message, "negative: -3");
        assert_eq!(err.to_string(), "ValueError: negative: -3");
        assert!(
            err.traceback
                .starts_with("Traceback (most recent call last):\n"),
            "{}",
            err.traceback
        );
        assert!(err.traceback.contains("in check"), "{}", err.traceback);
        assert!(err.traceback.ends_with("ValueError: negative: -3\n"));
        // The exception object itself is usable.
        let exc = err.exception.as_ref().unwrap();
        let args = py.getattr(exc, "args").unwrap();
        assert_eq!(py.repr(&args).unwrap(), "('negative: -3',)");
        // Chained exceptions keep their story.
        let err = py
            .run("try:\n    {}['k']\nexcept KeyError as e:\n    raise RuntimeError('lookup failed') from e\n")
            .unwrap_err();
        assert_eq!(err.type_name, "RuntimeError");
        assert!(err.traceback.contains("KeyError: 'k'"), "{}", err.traceback);
        assert!(err.traceback.contains("direct cause"), "{}", err.traceback);
        // Syntax errors, type mismatches, a missing file.
        let err = py.run("x = (1,").unwrap_err();
        assert_eq!(err.type_name, "SyntaxError");
        let s = py.eval("'text'").unwrap();
        let err = py.extract::<i64>(&s).unwrap_err();
        assert_eq!(err.type_name, "TypeError");
        let err = py.run_file("/nonexistent/weft/script.py").unwrap_err();
        assert_eq!(err.type_name, "FileNotFoundError");
        // The interpreter goes on after errors.
        assert_eq!(py.eval_as::<i64>("6 * 7").unwrap(), 42);
    });
}

#[test]
fn one_interpreter_per_process() {
    with_interpreter(|_py| {
        let err = Interpreter::new(InterpreterConfig::default())
            .err()
            .unwrap();
        assert_eq!(err.type_name, "RuntimeError");
    });
}

#[test]
fn deep_recursion_raises_on_an_ordinary_stack() {
    with_interpreter(|py| {
        py.run("def down(n):\n    return down(n + 1) + 1\n")
            .unwrap();
        // The recursion limit first...
        let err = py.run("down(0)").unwrap_err();
        assert_eq!(err.type_name, "RecursionError");
        // ...then, with the limit out of the way, the 8 MiB stack itself: each level
        // goes through a native call (map) back into Python, so it uses native stack.
        py.run(
            "import sys\nsys.setrecursionlimit(10 ** 7)\n\
                def native_down(n):\n    return list(map(native_down, [n + 1]))\n",
        )
        .unwrap();
        let err = py.run("native_down(0)").unwrap_err();
        assert_eq!(err.type_name, "RecursionError", "{}", err.traceback);
        drop(err);
        // Deeply nested data hits the same guard in natives (repr recurses).
        let err = py
            .run("x = []\nfor _ in range(10 ** 5):\n    x = [x]\nrepr(x)")
            .unwrap_err();
        assert_eq!(err.type_name, "RecursionError");
        assert_eq!(py.eval_as::<i64>("1 + 1").unwrap(), 2);
    });
}

#[test]
fn run_a_file_with_a_config() {
    let dir = Scratch::new("weft-embed");
    std::fs::write(
        dir.join("helper_mod.py"),
        "def twice(x):\n    return 2 * x\n",
    )
    .unwrap();
    let script = dir.join("main_script.py");
    std::fs::write(
        &script,
        "import sys, helper_mod\nresult = helper_mod.twice(len(sys.argv))\n",
    )
    .unwrap();
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let dir_s = dir.to_string_lossy().into_owned();
    let script_s = script.to_string_lossy().into_owned();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let config = InterpreterConfig {
                argv: vec![script_s.clone(), "one".into(), "two".into()],
                path: vec![dir_s],
                ..InterpreterConfig::default()
            };
            let mut py = Interpreter::new(config).unwrap();
            py.run_file(&script_s).unwrap();
            assert_eq!(py.eval_as::<i64>("result").unwrap(), 6);
        })
        .unwrap()
        .join()
        .unwrap();
}
