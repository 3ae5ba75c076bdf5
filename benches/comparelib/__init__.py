"""comparelib: the parts of benches/compare.py (see its docstring and README.md).

- interpreters: which interpreters to run, found on disk or on PATH;
- protocol: reading a program's `name: value` output lines;
- runner: running one program under one interpreter, best of K runs;
- table: printing the results side by side with weft/python3 ratios.
"""
