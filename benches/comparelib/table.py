"""Printing the results: one row per (program, figure), one column per interpreter,
and the weft/python3 ratio (below 1 means weft is faster, except for speedups)."""

import re


def fmt(name, value):
    if value is None:
        return "-"
    if name.endswith("_ns"):
        return "%.1f ns" % value
    if name.startswith("speedup"):
        return "%.2fx" % value
    if name == "wall" or name.startswith("time"):
        return "%.4f s" % value
    return "%g" % value


def ratio(name, results):
    """weft/python3 for one figure, or '-' when either is missing."""
    w = results.get("weft")
    p = results.get("python3")
    if w is None or p is None or p == 0:
        return "-"
    return "%.2f" % (w / p)


def natural_key(name):
    """Sort `many_10000` after `many_3000`: digit runs compare as numbers."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def figure_order(names):
    """`time` first, then the program's other figures in natural order, `wall` last."""
    rest = sorted((n for n in names if n not in ("time", "wall")), key=natural_key)
    head = ["time"] if "time" in names else []
    tail = ["wall"] if "wall" in names else []
    return head + rest + tail


def rows(program, interps, results):
    """Table rows for one program; results: {interp name: runner.Result}."""
    names = set()
    for r in results.values():
        names.update(r.figures)
    out = []
    for name in figure_order(names):
        values = {i.name: results[i.name].figures.get(name) for i in interps}
        row = [program, name] + [fmt(name, values[i.name]) for i in interps]
        out.append(row + [ratio(name, values)])
    return out


def render(header, body):
    """Left-align the first two columns, right-align the rest."""
    widths = [max(len(r[c]) for r in [header] + body) for c in range(len(header))]
    lines = []
    for r in [header] + body:
        cells = [r[c].ljust(widths[c]) if c < 2 else r[c].rjust(widths[c]) for c in range(len(r))]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def notes(program, interps, results):
    """Checksum agreement, errors and skips for one program, as text lines."""
    lines = []
    sums = {}
    for i in interps:
        r = results[i.name]
        if r.error:
            lines.append("%s/%s: FAILED (%s)" % (program, i.name, r.error))
        for n in r.notes:
            lines.append("%s/%s: %s" % (program, i.name, n))
        if len(r.checksums) > 1:
            lines.append("%s/%s: checksum differs between runs" % (program, i.name))
        if len(r.checksums) == 1:
            sums[i.name] = next(iter(r.checksums))
    if len(set(sums.values())) > 1:
        detail = ", ".join("%s=%s" % kv for kv in sorted(sums.items()))
        lines.append("%s: CHECKSUM MISMATCH (%s)" % (program, detail))
    return lines
