# argparse from CPython's Lib: positionals, options, types, choices, actions,
# subcommands, groups, defaults, help text and errors.
import argparse
import io
import os
import sys

os.environ["COLUMNS"] = "80"  # help text is wrapped to the terminal width

p = argparse.ArgumentParser(prog="tool", description="Does things.", epilog="Bye.")
p.add_argument("src", help="source file")
p.add_argument("dst", nargs="?", default="out.txt")
p.add_argument("-n", "--count", type=int, default=1, help="how many")
p.add_argument("-v", "--verbose", action="count", default=0)
p.add_argument("--mode", choices=["fast", "slow"], default="fast")
p.add_argument("--flag", action="store_true")
p.add_argument("--no-color", dest="color", action="store_false")
p.add_argument("--tag", action="append", default=[])
p.add_argument("--pair", nargs=2, metavar=("A", "B"))
p.add_argument("--const", action="store_const", const=42)
p.add_argument("rest", nargs="*")

ns = p.parse_args(["in.txt", "o.txt", "r1", "r2", "-n", "3", "-vv", "--mode", "slow", "--flag",
                   "--tag", "x", "--tag=y", "--pair", "1", "2", "--const"])
print(sorted(vars(ns).items()))
print(ns.count + 1, ns.verbose, ns.color, ns.tag)
ns2 = p.parse_args(["a"])
print(sorted(vars(ns2).items()))
print(p.format_usage())
print(p.format_help())

known, extra = p.parse_known_args(["a", "--unknown", "5"])
print(known.src, extra)

grp = argparse.ArgumentParser(prog="g")
ex = grp.add_mutually_exclusive_group()
ex.add_argument("--yes", action="store_true")
ex.add_argument("--no", action="store_true")
print(grp.parse_args(["--yes"]))

sub = argparse.ArgumentParser(prog="git")
subs = sub.add_subparsers(dest="cmd")
c = subs.add_parser("commit", help="record changes")
c.add_argument("-m", "--message", required=True)
pu = subs.add_parser("push")
pu.add_argument("remote", nargs="?", default="origin")
print(sub.parse_args(["commit", "-m", "msg"]), sub.parse_args(["push"]))


def errors(parser, argv):
    """Run a parse that fails: print the message argparse writes and its exit code."""
    old = sys.stderr
    sys.stderr = io.StringIO()
    try:
        parser.parse_args(argv)
        print("parsed?!")
    except SystemExit as e:
        print("exit", e.code, "|", sys.stderr.getvalue().strip().replace("\n", " / "))
    finally:
        sys.stderr = old


errors(p, [])
errors(p, ["a", "-n", "many"])
errors(p, ["a", "--mode", "medium"])
errors(grp, ["--yes", "--no"])
errors(sub, ["commit"])
errors(p, ["a", "--bogus"])

fd = argparse.ArgumentParser(prog="fd", formatter_class=argparse.ArgumentDefaultsHelpFormatter)
fd.add_argument("--size", type=float, default=1.5, help="the size")
print(fd.format_help())
print(argparse.Namespace(a=1, b="x"), argparse.Namespace(a=1) == argparse.Namespace(a=1))
