# compile(..., optimize=N): asserts, __debug__ and docstrings at each level, whatever
# the interpreter's own level is.
SOURCE = '''
"""module doc"""
def f():
    """function doc"""
    return __debug__
class C:
    """class doc"""
checked = True
try:
    assert False, "kept"
except AssertionError:
    checked = "assert ran"
'''

for level in (-1, 0, 1, 2):
    ns = {}
    exec(compile(SOURCE, "<opt>", "exec", optimize=level), ns)
    print(level, ns.get("__doc__"), ns["f"].__doc__, ns["f"](), ns["C"].__doc__,
          ns["checked"])

print(eval(compile("__debug__", "<e>", "eval", optimize=1)))
print(eval(compile("__debug__", "<e>", "eval", optimize=0)))
try:
    compile("1", "<e>", "eval", optimize=3)
except ValueError as err:
    print(err)
