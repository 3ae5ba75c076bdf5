# inspect from CPython's Lib: signatures, binding, predicates, members, docs.
import functools
import inspect


def f(a, b: int = 2, *args, c, d=4, **kw) -> str:
    """Summary line.

        Indented detail.
    """


sig = inspect.signature(f)
print(sig, list(sig.parameters), sig.parameters["b"].default, sig.return_annotation)
print([(p.name, str(p.kind)) for p in sig.parameters.values()])
print(sig.bind(1, c=3).arguments, sig.bind_partial(c=1).arguments)
try:
    sig.bind(1)
except TypeError as e:
    print("TypeError", e)


class K:
    """A class."""

    def __init__(self, x, y=1):
        self.x = x

    def m(self, z, /, *, w=0):
        return z

    @staticmethod
    def s(q):
        return q

    @classmethod
    def c(cls, r):
        return r

    @property
    def p(self):
        return 1


k = K(0)
print(inspect.signature(K), inspect.signature(k.m), inspect.signature(K.s), inspect.signature(K.c))
print(inspect.isclass(K), inspect.isfunction(f), inspect.ismethod(k.m), inspect.isfunction(K.m))
print(inspect.isbuiltin(len), inspect.isroutine(len), inspect.ismodule(inspect), inspect.isgenerator(f))
print([n for n, _ in inspect.getmembers(K, inspect.isfunction)])
print([n for n, v in inspect.getmembers(k) if not n.startswith("__")])
print(inspect.getdoc(f), "|", inspect.getdoc(K), "|", inspect.cleandoc("  a\n    b\n  c"))
print(inspect.getmro(K), inspect.unwrap(functools.wraps(f)(lambda: 0)) is f)
spec = inspect.getfullargspec(f)
print(spec.args, spec.varargs, spec.varkw, spec.defaults, spec.kwonlyargs, spec.kwonlydefaults)
print(inspect.iscoroutinefunction(f), inspect.isgeneratorfunction(f), inspect.Parameter.KEYWORD_ONLY)
print(inspect.signature(functools.partial(f, 1, c=2)))
print(inspect.formatannotation(int), inspect.formatannotation(list[int]))
new = sig.replace(return_annotation=inspect.Signature.empty)
print(new, new.parameters["a"].replace(annotation=float))
