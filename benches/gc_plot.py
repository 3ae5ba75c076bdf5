"""Plot collector pauses against heap size as an SVG picture (no plotting library).

Two ways to feed it, both from the repository root:

    # 1. logs written by `weft -X gclog=FILE ...` (one series per file; LABEL optional)
    python3 benches/gc_plot.py run1.log=weft-1-thread run4.log=weft-4-threads -o pauses.svg

    # 2. run a heap-growing workload itself, under weft (-X gclog) with 1, 2 and 4
    #    threads and under python3 (timed with gc.callbacks), then plot everything
    python3 benches/gc_plot.py --run -o benches/gc_pauses.svg

A log line is `key=value` fields; the plot reads `pause_us` and `heap_bytes` (and
`threads` for the label). For python3 the heap size is the process's resident size
(CPython has no single heap figure) and every generation's collection is drawn.
"""
import argparse
import math
import os
import subprocess
import sys
import tempfile

# The workload: THREADS threads each build a growing list of small containers while
# dropping cyclic garbage, so the live heap climbs steadily and the collector runs
# many times on the way. Under CPython it times its own collections with gc.callbacks
# and writes them in weft's log format to LOG.
WORKLOAD = r'''
import gc, sys, threading, time
THREADS, STEPS, LOG = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
records = []
if sys.implementation.name == "cpython":
    page = 4096
    def rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * page
    started = {}
    def timer(phase, info):
        now = time.perf_counter()
        if phase == "start":
            started["t"] = now
        else:
            pause = (now - started.get("t", now)) * 1e6
            records.append("pause_us=%.1f heap_bytes=%d generation=%d threads=%d"
                           % (pause, rss(), info["generation"], THREADS))
    gc.callbacks.append(timer)

class Cell:
    def __init__(self, value):
        self.value = value
        self.me = self

def grow(keep):
    for i in range(STEPS):
        keep.append((i, [i, str(i)], {"k": i}))
        for _ in range(3):
            Cell(i)

kept = [[] for _ in range(THREADS)]
workers = [threading.Thread(target=grow, args=(k,)) for k in kept]
for w in workers:
    w.start()
for w in workers:
    w.join()
if records:
    with open(LOG, "w") as f:
        f.write("\n".join(records) + "\n")
'''

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"]


def read_log(path):
    """(heap MiB, pause ms, threads) per collection line of a log."""
    points = []
    threads = None
    with open(path) as f:
        for line in f:
            if line.startswith("#") or "=" not in line:
                continue
            fields = dict(part.split("=", 1) for part in line.split())
            if "pause_us" not in fields or "heap_bytes" not in fields:
                continue
            points.append((int(fields["heap_bytes"]) / 2**20, float(fields["pause_us"]) / 1e3))
            threads = fields.get("threads", threads)
    return points, threads


def run_workload(weft, steps, thread_counts, workdir):
    """Run the workload; returns [(label, points)]."""
    series = []
    prog = os.path.join(workdir, "workload.py")
    with open(prog, "w") as f:
        f.write(WORKLOAD)
    for n in thread_counts:
        log = os.path.join(workdir, f"weft-{n}.log")
        subprocess.run([weft, "-X", f"gclog={log}", prog, str(n), str(steps // n), log],
                       check=True)
        points, _ = read_log(log)
        series.append((f"weft, {n} thread{'s' * (n > 1)}", points))
    log = os.path.join(workdir, "python3.log")
    subprocess.run(["python3", prog, "1", str(steps), log], check=True)
    points, _ = read_log(log)
    series.append(("CPython 1 thread (heap = RSS)", points))
    return series


def nice_ticks(lo, hi, count=6):
    """Round tick values spanning lo..hi."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = min((m * mag for m in (1, 2, 5, 10) if m * mag >= raw), default=10 * mag)
    first = math.floor(lo / step) * step
    ticks = []
    t = first
    while t <= hi + step * 0.5:
        ticks.append(round(t, 10))
        t += step
    return ticks


def svg(series, title):
    width, height = 860, 520
    left, right, top, bottom = 80, 220, 50, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    xs = [x for _, pts in series for x, _ in pts] or [0, 1]
    ys = [y for _, pts in series for _, y in pts if y > 0] or [0.01, 1]
    xticks = nice_ticks(0, max(xs))
    x_hi = xticks[-1]
    # Pauses span microseconds to seconds: a log scale, whole decades.
    y_lo = 10 ** math.floor(math.log10(min(ys)))
    y_hi = 10 ** math.ceil(math.log10(max(ys)))
    if y_hi <= y_lo:
        y_hi = y_lo * 10

    def px(x):
        return left + plot_w * x / x_hi

    def py(y):
        y = max(y, y_lo)
        return top + plot_h * (1 - (math.log10(y) - math.log10(y_lo))
                               / (math.log10(y_hi) - math.log10(y_lo)))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left + plot_w / 2}" y="28" text-anchor="middle" font-size="15">'
           f'{escape(title)}</text>']
    for t in xticks:
        x = px(t)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" '
                   'stroke="#e4e4e4"/>')
        out.append(f'<text x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="middle">'
                   f'{t:g}</text>')
    decade = y_lo
    while decade <= y_hi * 1.0001:
        y = py(decade)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                   'stroke="#e4e4e4"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{decade:g}</text>')
        decade *= 10
    out.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" '
               'fill="none" stroke="#444"/>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 18}" text-anchor="middle">'
               'heap size at the collection (MiB)</text>')
    out.append(f'<text transform="translate(22 {top + plot_h / 2}) rotate(-90)" '
               'text-anchor="middle">pause (ms, log scale)</text>')
    for i, (label, pts) in enumerate(series):
        color = COLORS[i % len(COLORS)]
        for x, y in pts:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{color}" '
                       'fill-opacity="0.7"/>')
        ly = top + 14 + 20 * i
        lx = left + plot_w + 16
        out.append(f'<circle cx="{lx}" cy="{ly - 4}" r="4" fill="{color}"/>')
        out.append(f'<text x="{lx + 10}" y="{ly}">{escape(label)} ({len(pts)})</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("logs", nargs="*", help="gclog files, each optionally =LABEL")
    ap.add_argument("-o", "--output", default="gc_pauses.svg")
    ap.add_argument("--run", action="store_true", help="run the workload first")
    ap.add_argument("--weft", default="target/release/weft")
    ap.add_argument("--steps", type=int, default=400000,
                    help="containers the workload keeps, over all threads")
    ap.add_argument("--threads", default="1,2,4")
    ap.add_argument("--title", default="Collector pauses against heap size")
    args = ap.parse_args()
    series = []
    for spec in args.logs:
        path, _, label = spec.partition("=")
        points, threads = read_log(path)
        if not label:
            label = os.path.basename(path) + (f", {threads} threads" if threads else "")
        series.append((label, points))
    if args.run:
        counts = [int(n) for n in args.threads.split(",") if n]
        with tempfile.TemporaryDirectory() as d:
            series += run_workload(args.weft, args.steps, counts, d)
    if not series:
        ap.error("give log files or --run")
    with open(args.output, "w") as f:
        f.write(svg(series, args.title))
    for label, pts in series:
        pauses = sorted(y for _, y in pts)
        if pauses:
            p50 = pauses[len(pauses) // 2]
            print(f"{label}: {len(pts)} collections, median pause {p50:.2f} ms, "
                  f"max {pauses[-1]:.2f} ms")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    sys.exit(main())
