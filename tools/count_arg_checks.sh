#!/bin/sh
# Counts hand-written argument-check lines in natives (see docs/natives.md).
# Usage: tools/count_arg_checks.sh [-v]   (run from the repository root; -v lists the lines)
# A line counts when it calls one of the shared check helpers (arg_count, no_kwargs,
# self_arg, slot_args), one of the private copies of them (method_args, list_self,
# dict_self, set_self, range_self, code_self, no_args, mappingproxy's and str's
# `this(vm, ...)`), or tests `args.len()`; definitions (`fn name(`) do not count.
# Scope: the native functions: vm/src/objects, vm/src/builtins_*.rs, vm/src/class.rs,
# vm/src/exceptions.rs, vm/src/import.rs and runtime/src/modules (not the interpreter, ops/,
# or the helpers themselves).
PAT='\b(arg_count|no_kwargs|self_arg|slot_args|method_args|list_self|dict_self|set_self|range_self|code_self|no_args)\b *(::<[^>]*>)? *\(|\bthis\(vm, *(args|a|name|"|&)|\bargs\.len\(\)'
FILES="vm/src/objects vm/src/builtins_exec.rs vm/src/builtins_funcs.rs vm/src/builtins_init.rs vm/src/class.rs vm/src/exceptions.rs vm/src/import.rs runtime/src/modules"
lines() { grep -rnE "$PAT" $FILES --include='*.rs' | grep -vE '^[^:]+:[0-9]+: *(pub(\([a-z]+\))? )?fn '; }
if [ "$1" = "-v" ]; then lines; fi
lines | wc -l
