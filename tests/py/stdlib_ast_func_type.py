# ast.parse(..., mode="func_type"): function type comments become FunctionType
# nodes, with positions in the original text; malformed ones raise SyntaxError.
import ast

samples = [
    "(int, str) -> bool",
    "() -> None",
    "(List[int]) -> Dict[str, int]",
    "(a,\n b) -> c",
    "(x) -> (y, z)",
    "(Callable[[int], str], *Any) -> Optional['T']",
    "int -> str",
    "(int, str)",
    "(a)(b) -> c",
]
for text in samples:
    try:
        tree = ast.parse(text, mode="func_type")
    except SyntaxError as e:
        print(repr(text), "SyntaxError", e.msg)
        continue
    print(type(tree).__name__, [ast.unparse(a) for a in tree.argtypes], ast.unparse(tree.returns))
    print(ast.dump(tree, include_attributes=True))

try:
    compile("(int) -> str", "<f>", "func_type")
except ValueError as e:
    print("ValueError", e)
