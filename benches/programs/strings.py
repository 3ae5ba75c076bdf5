"""strings: string building and processing: join, concatenation, % formatting,
split, slicing, replace, upper/lower and str(int)."""

from _bench import best_of, report, report_time, scaled

N = scaled(100000)


def run(n):
    parts = []
    for i in range(n):
        parts.append("item%d=%s" % (i, str(i * 3)))
    text = ",".join(parts)
    fields = text.split(",")
    total = 0
    acc = ""
    for f in fields:
        name, _, value = f.partition("=")
        total += len(name) + int(value) % 10
        if len(acc) < 1000:
            acc += name[-2:]
    s = text[: n * 2].replace("item", "IT").upper().lower()
    return total + len(acc) + len(s) + s.count("it")


def main():
    best, result = best_of(3, lambda: run(N))
    report_time("time", best)
    report("checksum", result)


main()
