# A key inserted and deleted over and over in a small dict leaves deleted index slots
# behind, so a later insert may land far along the key's probe sequence; lookups must
# still reach it. (asyncio's _current_tasks does this with the running loop as key.)
class Key:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h


def cycle(d, k, rounds):
    lost = []
    for i in range(rounds):
        d[k] = i
        if d.get(k) != i or k not in d:
            lost.append(i)
        d[k] = i + 1
        if len(d) != 1:
            lost.append(("dup", i))
        del d[k]
    return lost


# 8754237039005 takes 16 steps to reach its tenth distinct slot of 16.
hashes = [8754237039005] + [8754237039005 + 16 * i for i in range(1, 300)]
hashes += [2**61 - 2 - i for i in range(300)] + [-(3**i) for i in range(1, 40)]
bad = [(h, lost) for h in hashes if (lost := cycle({}, Key(h), 25))]
print("dict lookups lost:", len(bad), bad[:2])
bad = []
for h in hashes:
    s, k = set(), Key(h)
    for i in range(25):
        s.add(k)
        if k not in s:
            bad.append((h, i))
        s.discard(k)
print("set lookups lost:", len(bad), bad[:2])
