# second helper module for import_local.py; imports mod_helper itself
import mod_helper
VALUE = mod_helper.greet('other')
def twice(x):
    return x * 2
