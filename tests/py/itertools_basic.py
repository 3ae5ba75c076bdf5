import itertools as it
import operator

c = it.count(5)
print(next(c), next(c), repr(c))
print(list(it.islice(it.count(1, 2), 4)), repr(it.count(1.5, 0.5)))
print(list(it.islice(it.cycle("ab"), 5)), list(it.cycle([])))
print(list(it.repeat("x", 3)), repr(it.repeat(1, 2)), list(it.repeat(1, -1)))
print(list(it.islice(it.repeat(7), 2)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], operator.mul)))
print(list(it.accumulate([1, 2], initial=10)), list(it.accumulate([])), list(it.accumulate([], initial=5)))
print(list(it.chain("ab", [1], ())), list(it.chain.from_iterable(["xy", "z"])))
print(list(it.compress("abcdef", [1, 0, 1, 0, 1, 1])))
print(list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1, 4])))
print(list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1, 4])))
print(list(it.filterfalse(lambda x: x % 2, range(6))), list(it.filterfalse(None, [0, 1, "", "a"])))
print([(k, list(g)) for k, g in it.groupby("aaabbcaa")])
print([(k, len(list(g))) for k, g in it.groupby([1, 3, 2, 4, 5], key=lambda x: x % 2)])
groups = list(it.groupby("aabb"))
print([(k, list(g)) for k, g in groups])
print(list(it.islice("abcdefg", 2)), list(it.islice("abcdefg", 2, 4)))
print(list(it.islice("abcdefg", 2, None)), list(it.islice("abcdefg", 0, None, 2)))
print(list(it.islice(range(10), 1, 8, 3)), list(it.islice([], 3)))
src = iter(range(10))
print(list(it.islice(src, 3)), next(src))
try:
    it.islice("a", -1)
except ValueError as e:
    print("ValueError", e)
try:
    it.islice("a", 0, 1, 0)
except ValueError as e:
    print("ValueError", e)
print(list(it.starmap(pow, [(2, 3), (3, 2)])))
a, b = it.tee(iter([1, 2, 3]))
print(next(a), list(a), list(b))
a, b, c = it.tee("xy", 3)
print(list(a), list(b), list(c), it.tee([1], 0))
print(list(it.zip_longest("abc", [1])), list(it.zip_longest("a", "bc", fillvalue="-")))
print(list(it.zip_longest()))
print(list(it.product("ab", [0, 1])), list(it.product([1, 2], repeat=2)))
print(list(it.product()), list(it.product([], [1])))
print(list(it.permutations([1, 2, 3])))
print(list(it.permutations("abc", 2)), list(it.permutations([1], 2)))
print(list(it.combinations(range(4), 2)), list(it.combinations("ab", 3)), list(it.combinations("ab", 0)))
print(list(it.combinations_with_replacement("abc", 2)))
print(list(it.combinations_with_replacement([], 0)), list(it.combinations_with_replacement([], 1)))
print(list(it.pairwise("abcd")), list(it.pairwise("a")))
print(len(list(it.permutations(range(5)))), len(list(it.combinations(range(10), 3))))
try:
    it.combinations("ab", -1)
except ValueError as e:
    print("ValueError", e)
try:
    it.repeat(1, "x")
except TypeError:
    print("TypeError")
print(sum(1 for _ in it.product(range(3), repeat=3)))
