"""json and re over about 10 MB each, timed under weft and python3 in one run.

    python3 benches/stdlib_bench.py [--weft PATH] [--repeat N]

Each interpreter runs this file with `--work`, which builds the inputs (the same for
both), times each step with time.perf_counter and prints `step seconds` lines; the
driver keeps the best of N runs per step and prints weft's time over CPython's.
"""
import os
import subprocess
import sys
import time


def document(count=44000):
    """A JSON-able document of `count` records (dumps() gives about 10 MB for 44,000)."""
    people = []
    for i in range(count):
        people.append({
            "id": i,
            "name": "person %d" % i,
            "email": "user%d@example.org" % i,
            "score": i * 0.37,
            "active": i % 3 == 0,
            "tags": ["t%d" % (i % 7), "group-%d" % (i % 11)],
            "address": {"street": "%d Main Street" % i, "zip": "%05d" % (i % 99999)},
            "note": None if i % 5 else "caf\u00e9 \u2603 \"quoted\"",
        })
    return {"people": people, "count": len(people)}


def text(size=10_000_000):
    """About `size` bytes of prose with dates and e-mail addresses scattered through it."""
    lines = []
    total = 0
    i = 0
    while total < size:
        line = ("On %04d-%02d-%02d the message from agent%d@mail%d.example.com said that "
                "item %d was shipped; ask desk@example.net for details.\n"
                % (1990 + i % 35, 1 + i % 12, 1 + i % 28, i, i % 13, i))
        lines.append(line)
        total += len(line)
        i += 1
    return "".join(lines)


def json_cases(doc):
    """(step, function) pairs over the document; each function's result is checked."""
    import json
    encoded = json.dumps(doc)
    return [
        ("json.dumps", lambda: len(json.dumps(doc))),
        ("json.loads", lambda: len(json.loads(encoded)["people"])),
    ]


def re_cases(body):
    """(step, function) pairs over the text: each `re` entry point at least once."""
    import re
    dates = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
    emails = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
    words = re.compile(r"\w+")
    spaces = re.compile(r"\s+")
    missing = re.compile(r"\d+ (?:was|were) lost")
    leading = re.compile(r"On (\d+)-(\d+)-(\d+) the message from (\S+) said")
    lines = body.splitlines()
    return [
        ("re dates", lambda: len(dates.findall(body))),
        ("re emails", lambda: len(emails.findall(body))),
        ("re sub", lambda: len(dates.sub(r"\3/\2/\1", body))),
        ("re findall \\w+", lambda: len(words.findall(body))),
        ("re finditer", lambda: sum(m.end() - m.start() for m in emails.finditer(body))),
        ("re finditer \\w+", lambda: sum(1 for _ in words.finditer(body))),
        ("re split \\s+", lambda: len(spaces.split(body))),
        ("re sub \\d+", lambda: len(re.sub(r"\d+", "#", body))),
        ("re search", lambda: missing.search(body)),
        ("re match", lambda: sum(1 for line in lines if leading.match(line))),
    ]


def work():
    cases = json_cases(document()) + re_cases(text())
    checks, timings = [], []
    for step, f in cases:
        t0 = time.perf_counter()
        checks.append(f())
        timings.append((step, time.perf_counter() - t0))
    print("check", *checks)
    for step, seconds in timings:
        print("%s\t%.6f" % (step, seconds))


def run(cmd, repeat):
    best = {}
    check = None
    for _ in range(repeat):
        out = subprocess.run(cmd + [os.path.abspath(__file__), "--work"], check=True,
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("check"):
                check = line
            elif "\t" in line:
                step, seconds = line.split("\t")
                best[step] = min(best.get(step, 1e9), float(seconds))
    return best, check


def main(argv):
    if "--work" in argv:
        work()
        return
    here = os.path.dirname(os.path.abspath(__file__))
    weft = os.path.join(here, "..", "target", "release", "weft")
    repeat = 3
    if "--weft" in argv:
        weft = argv[argv.index("--weft") + 1]
    if "--repeat" in argv:
        repeat = int(argv[argv.index("--repeat") + 1])
    ours, check_w = run([weft], repeat)
    theirs, check_p = run([sys.executable], repeat)
    if check_w != check_p:
        print("outputs differ:", check_w, check_p)
    print("%-16s %10s %10s %7s" % ("step", "weft s", "python3 s", "ratio"))
    for step in theirs:
        w, p = ours.get(step, float("nan")), theirs[step]
        print("%-16s %10.3f %10.3f %6.2fx" % (step, w, p, w / p))


if __name__ == "__main__":
    main(sys.argv[1:])
