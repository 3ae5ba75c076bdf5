# subprocess from CPython's Lib on weft's _posixsubprocess.fork_exec and the posix
# process calls: pipes for stdin/stdout/stderr, exit codes, cwd, env, errors, timeouts.
import os
import subprocess
import sys

done = subprocess.run(["echo", "hi"], capture_output=True)
print(done.returncode, done.stdout, done.stderr)

both = subprocess.run(["sh", "-c", "printf out; printf err >&2; exit 7"],
                      capture_output=True, text=True)
print(both.returncode, repr(both.stdout), repr(both.stderr))

print(subprocess.check_output(["tr", "a-z", "A-Z"], input=b"shout"))
print(subprocess.check_output("echo $WHO-$$ | cut -d- -f1", shell=True,
                              env={"WHO": "child", "PATH": os.defpath}))

for bad in (["/no/such/program"], ["no-such-program-here"]):
    try:
        subprocess.run(bad)
    except FileNotFoundError as e:
        print("not found:", e.errno, e.filename)
try:
    subprocess.run(["true"], cwd="/no/such/folder")
except FileNotFoundError as e:
    print("bad cwd:", e.errno, e.filename)

try:
    subprocess.check_call(["false"])
except subprocess.CalledProcessError as e:
    print("failed:", e.returncode, e.cmd)

print(subprocess.run(["pwd"], cwd="/", stdout=subprocess.PIPE).stdout)

proc = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
data, _ = proc.communicate(b"0123456789" * 20000)
print(len(data), data[:12], proc.returncode)

proc = subprocess.Popen(["sleep", "10"])
proc.kill()
print("killed:", proc.wait())

try:
    subprocess.run(["sleep", "10"], timeout=0.1)
except subprocess.TimeoutExpired as e:
    print("timed out after", round(e.timeout, 1))

merged = subprocess.run(["sh", "-c", "echo a; echo b >&2"], stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT)
print(sorted(merged.stdout.split()))
print(subprocess.getoutput("echo one two"), subprocess.getstatusoutput("exit 3"))

r, w = os.pipe()
kept = subprocess.run(["sh", "-c", "echo via-fd >&%d" % w], pass_fds=(w,))
os.close(w)
print(kept.returncode, os.read(r, 100))
os.close(r)
print(subprocess.run([sys.executable, "-c", "print(6 * 7)"], capture_output=True).stdout)
