# subprocess with preexec_fn: Python code run in the child before exec.
import os
import subprocess
import sys


def set_var():
    os.environ["FROM_PREEXEC"] = "yes"
    os.putenv("FROM_PREEXEC", "yes")


out = subprocess.run(["sh", "-c", "echo $FROM_PREEXEC"], preexec_fn=set_var,
                     capture_output=True, text=True)
print(out.returncode, out.stdout.strip())
print("FROM_PREEXEC" in os.environ)


def into_tmp():
    os.chdir("/")


out = subprocess.run(["pwd"], preexec_fn=into_tmp, capture_output=True, text=True)
print(out.stdout.strip())


def fails():
    raise ValueError("no")


try:
    subprocess.run(["true"], preexec_fn=fails)
except subprocess.SubprocessError as e:
    print(type(e).__name__, e)

import threading
results = []


def worker():
    r = subprocess.run(["echo", "thread"], preexec_fn=lambda: None, capture_output=True)
    results.append(r.stdout)


threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results)
