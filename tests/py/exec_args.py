# exec, eval, compile, globals, locals and code-object attributes bind their arguments
# like CPython 3.11's: counts, keywords and missing arguments in CPython's wording.


def attempt(label, make):
    try:
        got = make()
    except TypeError as e:
        print(label, "TypeError:", e)
    else:
        print(label, "->", type(got).__name__)


attempt("exec none", lambda: exec())
attempt("exec 4 positional", lambda: exec("pass", {}, {}, {}))
attempt("exec 5 positional", lambda: exec("pass", {}, {}, {}, {}))
attempt("exec unknown kw", lambda: exec("pass", where={}))
attempt("exec source by name", lambda: exec(source="pass"))
attempt("exec total", lambda: exec("pass", globals={}, locals={}, closure=None, extra=1))
attempt("exec ok", lambda: exec("q = 1", globals={}))

attempt("eval none", lambda: eval())
attempt("eval 4", lambda: eval("1", {}, {}, {}))
attempt("eval kw", lambda: eval("1", where={}))
attempt("eval globals by name", lambda: eval("1", globals={}))
attempt("eval ok", lambda: eval("2 + 3", {}, {}))

attempt("compile none", lambda: compile())
attempt("compile one", lambda: compile("1"))
attempt("compile 7 positional", lambda: compile("1", "f", "eval", 0, 0, 0, 0))
attempt("compile unknown kw", lambda: compile("1", "f", "eval", where=1))
attempt("compile all by name plus one", lambda: compile(source="1", filename="f", mode="eval", flags=0, dont_inherit=0, optimize=0, _feature_version=-1, extra=3))
attempt("compile twice", lambda: compile("1", "f", "eval", source="2"))
attempt("compile mode type", lambda: compile("1", "f", 3))
attempt("compile ok", lambda: compile(source="1", filename="f", mode="eval"))

attempt("globals arg", lambda: globals(1))
attempt("globals kw", lambda: globals(a=1))
attempt("locals arg", lambda: locals(1))

code = (lambda: 0).__code__
attempt("co_lines arg", lambda: code.co_lines(1))
attempt("co_positions kw", lambda: code.co_positions(a=1))
attempt("co_name on int", lambda: type(code).co_name.__get__(5))
print("co_name:", code.co_name, "co_argcount:", code.co_argcount)
print("repr starts:", repr(code).startswith("<code object <lambda> at 0x"))
