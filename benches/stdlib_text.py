"""re and json over about 10 MB of text: weft against CPython.

    python3 benches/stdlib_text.py                       # time this interpreter
    python3 benches/stdlib_text.py --compare target/release/weft   # both, with ratios

Each case is timed once (the data are large enough); the ratio is weft / python3.
The text mixes ASCII words, numbers, dates, addresses and some non-ASCII words; the JSON
document is a list of small records built from the same pieces.
"""
import sys
import time

SIZE = 10_000_000


def make_text():
    words = ["alpha", "beta42", "gamma", "delta_7", "x@y.com", "2024-05-06",
             "héllo", "Zeta", "wörld", "3.25"]
    out, n, i = [], 0, 0
    while n < SIZE:
        w = words[i % len(words)]
        out.append(w)
        n += len(w) + 1
        i += 1
    return " ".join(out)


def make_doc():
    recs, n, i = [], 0, 0
    while n < SIZE:
        r = {"id": i, "name": "item %d" % i, "price": i * 0.25, "tags": ["a", "b"],
             "ok": i % 3 == 0, "note": None, "text": "héllo \"q\" %d" % i}
        recs.append(r)
        n += 110
        i += 1
    return recs


def cases():
    import json
    import re
    text = make_text()
    doc = make_doc()
    blob = json.dumps(doc)
    return [
        ("re findall \\w+", lambda: len(re.findall(r"\w+", text))),
        ("re findall dates", lambda: len(re.findall(r"(\d{4})-(\d\d)-(\d\d)", text))),
        ("re finditer emails", lambda: sum(1 for _ in re.finditer(r"\w+@\w+\.com", text))),
        ("re sub numbers", lambda: len(re.sub(r"\d+", "#", text))),
        ("re split spaces", lambda: len(re.split(r"\s+", text))),
        ("re search miss", lambda: re.search(r"notthere\d", text) is None),
        ("re ignorecase", lambda: len(re.findall(r"(?i)zeta|ALPHA", text))),
        ("json dumps", lambda: len(json.dumps(doc))),
        ("json loads", lambda: len(json.loads(blob))),
    ]


def run_here():
    for name, fn in cases():
        t0 = time.perf_counter()
        fn()
        print("%s\t%.3f" % (name, time.perf_counter() - t0), flush=True)


def times(cmd):
    import subprocess  # the driver only (weft runs the cases, not this)

    out = subprocess.run(cmd + [__file__], capture_output=True, text=True, check=True).stdout
    return dict(line.split("\t") for line in out.splitlines())


def compare(weft):
    ours = times([weft])
    theirs = times([sys.executable])
    print("%-22s %9s %9s %7s" % ("case", "weft s", "python3 s", "ratio"))
    for name, t in ours.items():
        p = float(theirs[name])
        print("%-22s %9.3f %9.3f %7.2f" % (name, float(t), p, float(t) / p))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--compare":
        compare(sys.argv[2])
    else:
        run_here()
