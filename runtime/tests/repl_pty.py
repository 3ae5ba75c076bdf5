"""Drive weft's interactive prompt through a pseudo-terminal, as a person at a
keyboard would, and check what the terminal shows. Run by repl_pty.rs:
    python3 repl_pty.py PATH_TO_WEFT
Exits non-zero (with the terminal's recent output) on the first mismatch."""
import os
import pty
import select
import sys
import tempfile
import time

WEFT = sys.argv[1]
HOME = tempfile.mkdtemp(prefix="weft-repl-")
UP = b"\x1b[A"
CTRL_C = b"\x03"

pid, fd = pty.fork()
if pid == 0:
    os.environ["HOME"] = HOME
    os.environ.pop("WEFT_HISTFILE", None)
    os.environ["TERM"] = "xterm"
    os.execv(WEFT, [WEFT])

seen = b""


def fail(why):
    sys.stderr.write(f"FAIL: {why}\n--- terminal (last 2000 bytes) ---\n")
    sys.stderr.write(seen[-2000:].decode("utf-8", "replace") + "\n")
    try:
        os.kill(pid, 9)
    except OSError:
        pass
    sys.exit(1)


def expect(text, timeout=20):
    """Wait until `text` shows on the terminal; drop everything up to it."""
    global seen
    want = text.encode() if isinstance(text, str) else text
    deadline = time.time() + timeout
    while want not in seen:
        left = deadline - time.time()
        ready, _, _ = select.select([fd], [], [], max(left, 0))
        if not ready:
            fail(f"timed out waiting for {want!r}")
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            fail(f"terminal closed while waiting for {want!r}")
        if not chunk:
            fail(f"terminal closed while waiting for {want!r}")
        seen += chunk
    seen = seen[seen.index(want) + len(want):]


def send(data):
    os.write(fd, data.encode() if isinstance(data, str) else data)


expect(">>> ")

# A function pasted in one go, its parameter list and its body's list left open over
# several lines, ended by a blank line.
send("def pair(a,\r        b):\r    return [a,\r            b]\r\r")
expect("... ")
expect(">>> ")
send("pair(3, 4)\r")
expect("[3, 4]\r\n")
expect(">>> ")

# The up arrow brings the last line back.
send(UP)
send("\r")
expect("[3, 4]\r\n")
expect(">>> ")

# Tab completes a global name, and an attribute after a dot.
send("a_rather_long_name = 6 * 7\r")
expect(">>> ")
send("a_rather_lo\t\r")
expect("42\r\n")
expect(">>> ")
send("import math\r")
expect(">>> ")
send("math.fact\t(5)\r")
expect("120\r\n")
expect(">>> ")

# An exception is reported and the session goes on.
send("1 / 0\r")
expect("ZeroDivisionError: division by zero")
expect(">>> ")
send("'still' + ' here'\r")
expect("'still here'\r\n")
expect(">>> ")

# A decorator and a triple-quoted string continue onto the next line.
send("@staticmethod\r")
expect("... ")
send("def f(): return '''x\r")
expect("... ")
send("y'''\r")
expect("... ")
send("\r")
expect(">>> ")
send("len(f.__func__())\r")
expect("3\r\n")
expect(">>> ")

# Ctrl-C interrupts a busy loop; the session is kept.
send("while True: pass\r")
expect("... ")
send("\r")
time.sleep(1.0)
send(CTRL_C)
expect("KeyboardInterrupt")
expect(">>> ")
send("print('after', 'interrupt')\r")
expect("after interrupt\r\n")
expect(">>> ")

# Ctrl-C at the prompt drops the line being typed.
send("this is not run")
send(CTRL_C)
expect("KeyboardInterrupt")
expect(">>> ")

# sys.ps1 is the prompt.
send("import sys; sys.ps1 = 'weft? '\r")
expect("weft? ")
send("exit()\r")

deadline = time.time() + 20
while True:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    if time.time() > deadline:
        fail("exit() did not end the session")
    try:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            seen += os.read(fd, 4096)
    except OSError:
        pass
if os.waitstatus_to_exitcode(status) != 0:
    fail(f"exit status {os.waitstatus_to_exitcode(status)}")

with open(os.path.join(HOME, ".weft_history")) as f:
    history = f.read()
if "pair(3, 4)" not in history:
    fail(f"history file lacks the lines typed: {history!r}")
print("repl through a pseudo-terminal: ok")
