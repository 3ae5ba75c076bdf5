# super(): the one-argument (unbound) form, its __get__, and CPython 3.13's messages for
# bad arguments and for a zero-argument call whose first argument was deleted
# (python3.13 made the .exp).
class Base:
    def who(self):
        return "Base.who"


class Child(Base):
    def who(self):
        return "Child+" + super().who()

    def lost(self):
        del self
        return super()

    @staticmethod
    def none():
        return super()


unbound = super(Child)
print(repr(unbound))
print(unbound.__self__, unbound.__self_class__, unbound.__thisclass__.__name__)
try:
    unbound.who
except AttributeError as e:
    print("AttributeError", e)
bound = unbound.__get__(Child())
print(bound.__self_class__.__name__, bound.who())
print(unbound.__get__(None, Child) is unbound)
print(bound.__get__(Child()) is bound)
try:
    unbound.__get__(None)
except TypeError as e:
    print("TypeError", e)
try:
    unbound.__get__(3)
except TypeError as e:
    print("TypeError", e)

for args in [(Child, 1), (int, "x"), (int, str), (1, 2), (1,), (int, 1, 2)]:
    try:
        super(*args)
        print("ok", args)
    except TypeError as e:
        print("TypeError", e)
print(super(Base, Child).__self__.__name__)

for f in [Child().lost, Child.none]:
    try:
        f()
    except RuntimeError as e:
        print("RuntimeError", e)
print(Child().who())
