//! `input_status`: when the interactive prompt runs, waits for more, or reports an error.
use crate::InputStatus::{self, *};
use crate::input_status;

fn check(src: &str, want: InputStatus) {
    assert_eq!(input_status(src), want, "for {src:?}");
}

#[test]
fn complete_inputs() {
    check("x = 1\n", Complete);
    check("print(x)\n", Complete);
    check("x = (1,\n 2)\n", Complete);
    check("if x:\n    y = 1\n\n", Complete);
    check("\n", Complete);
    check("s = '''a\nb'''\n", Complete);
}

#[test]
fn incomplete_inputs() {
    check("def f(a,\n", Incomplete);
    check("x = [1,\n", Incomplete);
    check("d = {\n", Incomplete);
    check("s = '''abc\n", Incomplete);
    check("s = \"\"\"abc\n", Incomplete);
    check("s = f'''abc\n", Incomplete);
    check("@decorator\n", Incomplete);
    check("if x:\n", Incomplete);
    check("for i in range(3):\n    print(i)\n", Incomplete);
    check("class C:\n    def f(self):\n        return 1\n", Incomplete);
    check("x = 1 + \\\n", Incomplete);
    check("try:\n    pass\nexcept E:\n", Incomplete);
    check("try:\n    pass\n", Incomplete);
    check("if x:\n    y = (\n", Incomplete);
}

#[test]
fn invalid_inputs() {
    check("x = 1 +\n", Invalid);
    check("s = 'abc\n", Invalid);
    check("x = )\n", Invalid);
    check("1 2\n", Invalid);
    check("if x:\n\n", Invalid);
    check("try:\n    pass\n\n", Invalid);
    check("if x:\n    y = 1 +\n", Invalid);
}
