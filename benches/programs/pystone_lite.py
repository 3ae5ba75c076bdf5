"""pystone_lite: a pystone-like loop: method calls, attribute reads and writes,
small records copied and compared, integer and string operations in a tight loop."""

from _bench import best_of, report, report_time, scaled

LOOPS = scaled(600000)


class Record:
    def __init__(self, kind, value, text):
        self.kind = kind
        self.value = value
        self.text = text
        self.next = None

    def copy(self):
        r = Record(self.kind, self.value, self.text)
        r.next = self.next
        return r


class Machine:
    def __init__(self):
        self.int_glob = 0
        self.bool_glob = False
        self.char_glob = "A"
        self.array = [0] * 51

    def proc1(self, rec):
        nxt = rec.copy()
        rec.value = 5
        nxt.value = rec.value
        nxt.next = rec.next
        if nxt.kind == 1:
            nxt.value = self.proc3(nxt.value)
        else:
            rec.value = nxt.value
        return nxt

    def proc3(self, v):
        return v + self.int_glob * 2 - 1

    def proc7(self, a, b):
        return a + b + 2

    def func1(self, c1, c2):
        if c1 != c2:
            return "A"
        self.char_glob = c1
        return "B"


def run(loops):
    m = Machine()
    rec = Record(1, 40, "DHRYSTONE PROGRAM, SOME STRING")
    rec.next = Record(0, 0, "")
    total = 0
    for i in range(loops):
        m.int_glob = i % 17
        r = m.proc1(rec)
        v = m.proc7(r.value, i & 7)
        m.array[i % 51] = v
        if m.func1("A", "C") == "A":
            total += v
        m.bool_glob = not m.bool_glob
        total += m.array[(i * 7) % 51]
    return total


def main():
    best, result = best_of(3, lambda: run(LOOPS))
    report_time("time", best)
    report("checksum", result)


main()
