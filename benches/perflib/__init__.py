"""perflib: the parts of benches/perfbench.py (see its docstring and README.md).

- harness: the text appended to each perf_bench program (runs inside the interpreter
  being measured, so it must stay plain, old-fashioned Python);
- programs: finding the programs and building the script each interpreter runs;
- runs: running one script once and reading what it printed;
- report: the table, the geometric mean and the list of failures.
"""
