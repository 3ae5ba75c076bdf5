# exec/eval/compile running on several threads at once
import threading

shared_code = compile("acc = acc + step * i", "<shared>", "exec")
results = {}
lock = threading.Lock()


def check(s, val):
    assert type(s) == str
    assert int(s) == val


def worker(base, n):
    ns = {"acc": 0, "step": base}
    for i in range(n):
        exec("check('%u', %u)" % (base + i, base + i))
        ns["i"] = i
        exec(shared_code, ns)
        assert eval("i * step", ns) == i * base
    local_total = eval("sum(range(n))")
    with lock:
        results[base] = (ns["acc"], local_total)


threads = [threading.Thread(target=worker, args=(b * 1000, 200)) for b in range(1, 5)]
for t in threads:
    t.start()
worker(0, 200)
for t in threads:
    t.join()
for b in sorted(results):
    print(b, results[b])
