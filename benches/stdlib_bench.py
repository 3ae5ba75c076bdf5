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


def document():
    """A JSON-able document whose dumps() is about 10 MB."""
    people = []
    for i in range(44000):
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


def text():
    """About 10 MB of prose with dates and e-mail addresses scattered through it."""
    lines = []
    size = 0
    i = 0
    while size < 10_000_000:
        line = ("On %04d-%02d-%02d the message from agent%d@mail%d.example.com said that "
                "item %d was shipped; ask desk@example.net for details.\n"
                % (1990 + i % 35, 1 + i % 12, 1 + i % 28, i, i % 13, i))
        lines.append(line)
        size += len(line)
        i += 1
    return "".join(lines)


def work():
    import json
    import re
    timings = []

    def timed(step, f):
        t0 = time.perf_counter()
        result = f()
        timings.append((step, time.perf_counter() - t0))
        return result

    doc = document()
    encoded = timed("json.dumps", lambda: json.dumps(doc))
    decoded = timed("json.loads", lambda: json.loads(encoded))
    assert decoded == doc and len(encoded) > 9_000_000, len(encoded)
    body = text()
    dates = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
    emails = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
    found = timed("re dates", lambda: dates.findall(body))
    mails = timed("re emails", lambda: emails.findall(body))
    count = timed("re sub", lambda: len(dates.sub(r"\3/\2/\1", body)))
    print("check", len(encoded), len(found), len(mails), count)
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
    print("%-12s %10s %10s %7s" % ("step", "weft s", "python3 s", "ratio"))
    for step in theirs:
        w, p = ours.get(step, float("nan")), theirs[step]
        print("%-12s %10.3f %10.3f %6.2fx" % (step, w, p, w / p))


if __name__ == "__main__":
    main(sys.argv[1:])
