"""The perfbench table: one row per program, times in ms (best of K), weft/python3,
and the geometric mean of the ratios over the programs that weft ran correctly."""

import math


class ProgramResult:
    """Best-of-K for one program under each interpreter: {name: time_us}, the answer
    each printed, and {name: error} for an interpreter that failed or disagreed."""

    def __init__(self, name):
        self.name = name
        self.best_us = {}
        self.answers = {}
        self.errors = {}
        self.skip = None
        self.params = None

    def add(self, interp, outcome):
        """Fold one run in. A different answer from the same interpreter is an error."""
        if outcome.params is not None:
            self.params = outcome.params
        if outcome.skip:
            self.skip = outcome.skip
        elif outcome.error:
            self.errors[interp] = outcome.error
        elif interp in self.answers and self.answers[interp] != outcome.answer:
            self.errors[interp] = "answer changed between runs: %s" % short(outcome.answer)
        else:
            self.answers[interp] = outcome.answer
            old = self.best_us.get(interp)
            self.best_us[interp] = outcome.time_us if old is None else min(old, outcome.time_us)

    def check_against(self, reference):
        """Mark every interpreter whose answer differs from the reference's as failed."""
        want = self.answers.get(reference)
        if want is None:
            return
        for interp, got in self.answers.items():
            if got != want and interp not in self.errors:
                self.errors[interp] = "wrong answer %s (%s: %s)" % (
                    short(got),
                    reference,
                    short(want),
                )

    def time_ms(self, interp):
        if interp in self.errors or interp not in self.best_us:
            return None
        return self.best_us[interp] / 1000.0

    def ratio(self):
        """weft/python3, or None when either did not run correctly."""
        w = self.time_ms("weft")
        p = self.time_ms("python3")
        if w is None or p is None or p == 0:
            return None
        return w / p


def short(text, width=60):
    return text if len(text) <= width else text[: width - 3] + "..."


def geometric_mean(values):
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def rows(results, interp_names):
    """Table body: program, its params, one time per interpreter, weft/python3."""
    body = []
    for r in results:
        cells = [r.name, short(r.params or "-", 24)]
        for name in interp_names:
            t = r.time_ms(name)
            cells.append("-" if t is None else "%.1f" % t)
        q = r.ratio()
        cells.append("-" if q is None else "%.2f" % q)
        body.append(cells)
    return body


def problems(results):
    """Lines for the notes: skipped programs and each interpreter's failure."""
    lines = []
    for r in results:
        if r.skip:
            lines.append("%s: skipped (%s)" % (r.name, r.skip))
        for interp in sorted(r.errors):
            lines.append("%s/%s: %s" % (r.name, interp, r.errors[interp]))
    return lines
