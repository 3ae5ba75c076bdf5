# __import__ as the import statement uses it, its argument errors, ModuleNotFoundError.name,
# and the EncodingWarning / UnicodeTranslateError classes.
m = __import__('os.path')
print(m.__name__)
print(__import__('os.path', fromlist=['join']).__name__)
print(__import__('math').sqrt(16))
for bad in ((1,), ('',), ('math', None, None, (), -1)):
    try:
        __import__(*bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    __import__('no_such_module_xyz')
except ImportError as e:
    print(type(e).__name__, e.name)
print(issubclass(EncodingWarning, Warning), issubclass(UnicodeTranslateError, UnicodeError))
print(EncodingWarning.__mro__)
