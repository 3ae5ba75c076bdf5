# A thread started with a small threading.stack_size compares cyclic data
# (RecursionError, not a stack overflow), compiles nested code and imports modules.
import threading

results = []


def work():
    src = "+".join(["1"] * 500)
    results.append(eval(compile(src, "deep", "eval")))
    a = []
    a.append(a)
    b = []
    b.append(b)
    try:
        results.append(a == b)
    except RecursionError as e:
        results.append("RecursionError: %s" % e)
    import json

    results.append(json.dumps({"k": [1, 2]}))


threading.stack_size(1024 * 1024)
t = threading.Thread(target=work)
t.start()
t.join()
threading.stack_size(0)
print(results)
