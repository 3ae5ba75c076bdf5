# An operator failing three calls deep: each frame's line is marked under its call.
def total(prices, extra):
    return sum(prices) + extra


def with_tax(prices):
    base = total(prices, "none")
    return base * 1.2


def report(prices):
    print("report for", len(prices), "items")
    value = round(with_tax(prices), 2)
    return value


report([1, 2, 3])
