# Rewrites module paths from the flat vm/src/objects layout to the per-type folders
# (objects/<type>/). Apply to code written against the old layout:
#   sed -i -E -f tools/type_folders.sed $(git ls-files '*.rs')
s/\bcrate::dict_ops\b/crate::objects::dict::ops/g
s/\bobjects::shared_keys\b/objects::dict::shared_keys/g
s/\bobjects::(dict|list|set|str|int|float|range|tuple|bytes)_methods\b/objects::\1::methods/g
s/\bobjects::bytes_args\b/objects::bytes::args/g
s/\bobjects::bytes_split\b/objects::bytes::split/g
s/\bobjects::bytearray_methods\b/objects::bytes::bytearray/g
s/\bobjects::weakref_ops\b/objects::weakref::ops/g
s/\bobjects::function_new\b/objects::function::new/g
s/\bobjects::str_surrogates\b/objects::str::surrogates/g
