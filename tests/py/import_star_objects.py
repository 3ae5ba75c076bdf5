# `from name import *` when sys.modules holds something other than a module: a class or
# an instance gives its __all__ or the public names of its __dict__; an object with
# neither is an ImportError.
import sys


class Config:
    alpha = 1
    beta = "two"
    _hidden = 3


sys.modules["fake_config"] = Config
from fake_config import *  # noqa: E402,F403

print(alpha, beta, "_hidden" in dir())


class Picky:
    __all__ = ["gamma"]
    gamma = "g"
    delta = "d"


sys.modules["fake_picky"] = Picky()
from fake_picky import *  # noqa: E402,F403

print(gamma, "delta" in dir())

sys.modules["fake_number"] = 42
try:
    from fake_number import *  # noqa: F403
except ImportError as e:
    print("ImportError:", e)
