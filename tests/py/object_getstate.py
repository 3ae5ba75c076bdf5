# object.__getstate__ (3.11+): the instance dict, (dict, slots) when slots hold values,
# None when there is nothing; an override is what copy and pickle use.
import copy
import pickle


class Plain:
    def __init__(self):
        self.a = [1]


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = 1


class Custom:
    def __init__(self):
        self.secret, self.shown = "s", 2

    def __getstate__(self):
        return {"shown": self.shown}


print(Plain().__getstate__(), object().__getstate__())
print(Slotted().__getstate__())
print(Custom().__getstate__())
c = copy.copy(Custom())
print(vars(c))
d = pickle.loads(pickle.dumps(Custom()))
print(vars(d))
print(pickle.loads(pickle.dumps(Slotted())).x, copy.deepcopy(Plain()).a)
print([].__getstate__(), (1,).__getstate__())
