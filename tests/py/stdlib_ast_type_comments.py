# ast.parse(..., type_comments=True): type comments on assignments, for and with headers,
# def headers (same line or own line), parameters; type ignores with their tags; and the
# SyntaxError a type comment gets where the grammar has no place for one.
import ast

SOURCES = [
    "total = 0  # type: int\n",
    "first = second = make()  # type:List[str]  \n",
    "a = 1; b = 2  #type:\tfloat\n",
    "fn = lambda: 0  # type: Callable[[], int]\n",
    "note = 1  # type: int # and a remark\n",
    "empty = 1  # type:\n",
    "for item in things:  # type: Item\n    pass\nelse:\n    pass\n",
    "with open(p) as f, lock:  # type: (IO, None)\n    pass\n",
    "with (first, second):  # type: (A, B)\n    pass\n",
    "with (only,):  # type: A\n    pass\n",
    "with (first, second) as both:  # type: T\n    pass\n",
    "def add(a, b):  # type: (int, int) -> int\n    return a + b\n",
    "def add(a, b):\n    # type: (int, int) -> int\n    return a + b\n",
    "def f():\n\n    # an ordinary comment first\n    # type: () -> None\n    pass\n",
    "def g(x,  # type: int\n      y=2,  # type: float\n      *rest,  # type: str\n      flag  # type: bool\n      ):\n    # type: (...) -> None\n    pass\n",
    "@wrap\ndef h(self):  # type: () -> str\n    return ''\n",
    "class C:\n    def m(self, n):\n        # type: (int) -> bytes\n        return b''\n",
    "async def run():\n    async for x in src:  # type: int\n        pass\n    async with a as b:  # type: str\n        pass\n",
    "import os  # type: ignore\nx = 1  # type: ignore[attr-defined]  \n# type: ignore\n",
    "y = 2  #type:ignore-extra\nz = 3  # type: ignored\n",
    "call(1,  # type: ignore\n     2)\n",
    "text = '# type: int'\n",
    "tail = 1  # type: int",
    "unrelated = 1  # TYPE: int\n",
    # Misplaced type comments.
    "n: int = 1  # type: int\n",
    "n += 1  # type: int\n",
    "call()  # type: int\n",
    "if cond:  # type: int\n    pass\n",
    "while cond:  # type: int\n    pass\n",
    "class K:  # type: int\n    pass\n",
    "x = 1\n# type: int\ny = 2\n",
    "v = [1,  # type: int\n     2]\n",
    "w = 1;  # type: int\n",
    "def k(): pass  # type: () -> None\n",
    "with (a as b, c as d):  # type: (int, int)\n    pass\n",
    # Alone on the line where a block must start.
    "for x in y:\n    # type: int\n    pass\n",
    "if a:\n    pass\nelse:\n    # a remark\n    # type: int\n    pass\n",
    "try:\n    pass\nexcept E:\n    # type: int\n    pass\n",
    "class C:\n    # type: int\n    pass\n",
    "match x:\n    case 1:\n        # type: int\n        pass\n",
]


def show(tree):
    print(" ", ast.dump(tree, include_attributes=True))
    for node in ast.walk(tree):
        comment = getattr(node, "type_comment", None)
        if comment is not None:
            print("  ", type(node).__name__, node.lineno, repr(comment))


for source in SOURCES:
    print(repr(source))
    try:
        show(ast.parse(source, type_comments=True))
    except SyntaxError as e:
        print(" ", type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)

# Without the flag the comments are ordinary ones.
plain = ast.parse("x = 1  # type: int\nif a:  # type: int\n    pass\n")
print(ast.dump(plain))

# compile() with the flag, and an expression (which has no place for one).
flag = ast.PyCF_ONLY_AST | ast.PyCF_TYPE_COMMENTS
print(ast.dump(compile("q = 0  # type: int\n", "<tc>", "exec", flag)))
print(ast.dump(compile("a + b  # type: ignore\n", "<tc>", "eval", flag)))
try:
    compile("a + b  # type: int\n", "<tc>", "eval", flag)
except SyntaxError as e:
    print("SyntaxError:", e.msg, e.offset)
