"""dict_list: dict and list workload: counting keys, building and sorting lists,
comprehensions, membership tests and dict iteration."""

from _bench import best_of, report, report_time, scaled

N = scaled(1000000)


def run(n):
    counts = {}
    for i in range(n):
        key = (i * 7919) % 5003
        counts[key] = counts.get(key, 0) + 1
    items = [(v, k) for k, v in counts.items()]
    items.sort()
    evens = [k for k in counts if k % 2 == 0]
    squares = {k: k * k for k in evens}
    hits = 0
    for i in range(n):
        if i in squares:
            hits += 1
    lst = []
    for i in range(n):
        lst.append(i ^ (i >> 3))
    lst.reverse()
    total = sum(lst[:1000]) + len(items) + hits + items[0][1] + items[-1][1]
    merged = dict(counts)
    for k in evens:
        del merged[k]
    return total + len(merged)


def main():
    best, result = best_of(3, lambda: run(N))
    report_time("time", best)
    report("checksum", result)


main()
