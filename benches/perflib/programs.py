"""Finding the perf_bench programs and building the script each interpreter runs."""

import glob
import os

HARNESS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "harness.py")

# Programs that measure MicroPython-only features: viper_* need MicroPython's native
# code emitter (@micropython.viper), core_import_mpy_* import precompiled .mpy files
# through MicroPython's vfs. They run only with --all.
MICROPYTHON_ONLY = ("viper_", "core_import_mpy_")


def find(folder, names, include_all):
    """(paths to run, names left out as MicroPython-only), in name order.

    names: program names to keep (without .py); empty keeps every program."""
    every = sorted(glob.glob(os.path.join(folder, "*.py")))
    every = [p for p in every if name_of(p) != "benchrun"]  # MicroPython's own driver
    if names:
        by_name = {name_of(p): p for p in every}
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise SystemExit("unknown program(s): %s" % ", ".join(unknown))
        return [by_name[n] for n in names], []
    if include_all:
        return every, []
    chosen = [p for p in every if not name_of(p).startswith(MICROPYTHON_ONLY)]
    left_out = [name_of(p) for p in every if name_of(p).startswith(MICROPYTHON_ONLY)]
    return chosen, left_out


def name_of(path):
    return os.path.splitext(os.path.basename(path))[0]


def build_script(program, out_dir, n_max, m_max):
    """Write program + harness + the call into out_dir/<name>.py; returns its path."""
    with open(program) as f:
        source = f.read()
    with open(HARNESS) as f:
        harness = f.read()
    call = "_perfbench_main(bm_params, bm_setup, %d, %d)\n" % (n_max, m_max)
    path = os.path.join(out_dir, os.path.basename(program))
    with open(path, "w") as f:
        f.write(source + "\n\n" + harness + "\n\n" + call)
    return path
