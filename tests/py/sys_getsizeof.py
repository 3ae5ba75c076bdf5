# sys.getsizeof: positive sizes that grow with content.
import sys

print(sys.getsizeof(1) > 0, sys.getsizeof(None) > 0)
print(sys.getsizeof([1, 2, 3]) > sys.getsizeof([]), sys.getsizeof("a" * 100) > sys.getsizeof("a"))
print(sys.getsizeof({i: i for i in range(50)}) > sys.getsizeof({}))
print(sys.getsizeof(b"x" * 1000) > 1000, sys.getsizeof(object(), 5) > 0)
