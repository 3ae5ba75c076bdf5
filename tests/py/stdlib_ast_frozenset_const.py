# compile() of an AST holding frozenset constants (the kind CPython's optimizer makes
# for `x in {1, 2}`): as an expression, inside a tuple constant, in a comparison, as a
# lone statement, and nested in another frozenset.
import ast


def run(tree, mode="eval", env=None):
    ast.fix_missing_locations(tree)
    code = compile(tree, "<frozen-const>", mode)
    return eval(code, env or {})


whole = run(ast.Expression(ast.Constant(frozenset({1, 2, 3}))))
print(type(whole).__name__, sorted(whole))

empty = run(ast.Expression(ast.Constant(frozenset())))
print(type(empty).__name__, len(empty))

mixed = run(ast.Expression(ast.Constant((1, frozenset({"a", "b"}), None))))
print(mixed[0], sorted(mixed[1]), mixed[2], type(mixed[1]).__name__)

nested = run(ast.Expression(ast.Constant(frozenset({frozenset({4}), 5}))))
print(sorted(map(str, nested)))

test = ast.Expression(ast.Compare(
    left=ast.Name("x", ast.Load()),
    ops=[ast.In()],
    comparators=[ast.Constant(frozenset({"red", "green"}))]))
for colour in ["red", "blue", "green"]:
    print(colour, run(test, env={"x": colour}))

# A lone frozenset statement, then a name bound to one.
module = ast.Module(body=[
    ast.Expr(ast.Constant(frozenset({9}))),
    ast.Assign(targets=[ast.Name("s", ast.Store())],
               value=ast.Constant(frozenset({7, 8}))),
], type_ignores=[])
env = {}
exec(compile(ast.fix_missing_locations(module), "<m>", "exec"), env)
print(type(env["s"]).__name__, sorted(env["s"]))

# A frozenset holding something that is not a constant is refused.
try:
    run(ast.Expression(ast.Constant(frozenset({object}))))
except TypeError as e:
    print("TypeError", e)

# A set (not frozen) is not a constant either.
try:
    run(ast.Expression(ast.Constant({1, 2})))
except TypeError as e:
    print("TypeError", e)
