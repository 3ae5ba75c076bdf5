# object.__init_subclass__ takes nothing: keyword arguments of a class statement that no
# __init_subclass__ consumes, or positional arguments given to it directly, are errors.
class Base:
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)
        super().__init_subclass__()


class Child(Base, tag=1):
    pass


Dyn = type("Dyn", (Base,), {})
print(object.__init_subclass__())
for call in [lambda: object.__init_subclass__(1), lambda: object.__init_subclass__(a=1)]:
    try:
        call()
    except TypeError as e:
        print("TypeError", e)
try:
    class Extra(other=1):
        pass
except TypeError as e:
    print("TypeError", e)


class Passes(Base):
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)


try:
    class Deeper(Passes, flag=True):
        pass
except TypeError as e:
    print("TypeError", e)
