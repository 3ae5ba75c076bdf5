"""The output protocol of benches/programs/*.py (see programs/_bench.py): lines of
`name: value`. Figures (`time*`, `*_ns`, `speedup*`) are merged over runs (best of
K), `checksum` must agree, `skip` lines are notes, anything else is free text."""


def parse(stdout):
    """(figures, checksum, notes) from one run's output.

    figures: {name: float} for every figure line; checksum: its text or None;
    notes: the text of `skip` lines."""
    figures = {}
    checksum = None
    notes = []
    for line in stdout.splitlines():
        name, sep, value = line.partition(":")
        if not sep:
            continue
        name = name.strip()
        value = value.strip()
        if name == "checksum":
            checksum = value
        elif name == "skip":
            notes.append(value)
        elif is_figure(name):
            try:
                figures[name] = float(value)
            except ValueError:
                pass  # a figure that is not a number: leave it to people
    return figures, checksum, notes


def is_figure(name):
    return name.startswith("time") or name.endswith("_ns") or higher_is_better(name)


def higher_is_better(name):
    """Speedups are better high; every other figure is a time or a cost."""
    return name.startswith("speedup")


def merge_best(best, figures):
    """Fold one run's figures into the best-so-far dict (in place)."""
    for name, value in figures.items():
        if name not in best:
            best[name] = value
        elif higher_is_better(name):
            best[name] = max(best[name], value)
        else:
            best[name] = min(best[name], value)
