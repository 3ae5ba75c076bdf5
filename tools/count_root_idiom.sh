#!/bin/sh
# Counts lines that manage the temporary-root stack by hand (push_root, pop_roots,
# roots_len, truncate_roots) rather than with a root scope (see docs/natives.md).
# Usage: tools/count_root_idiom.sh [-v]   (from the repository root; -v lists them)
# Scope: vm/src and runtime/src, without the interpreter loop (vm/src/interp/) and
# without definitions (`fn name(`).
PAT='\b(push_root|pop_roots|roots_len|truncate_roots)\('
lines() { grep -rnE "$PAT" vm/src runtime/src --include='*.rs' | grep -v '^vm/src/interp/' | grep -vE '^[^:]+:[0-9]+: *(pub(\([a-z]+\))? )?fn '; }
if [ "$1" = "-v" ]; then lines; fi
lines | wc -l
