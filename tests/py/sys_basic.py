# sys module basics
import sys
print(sys.argv[0].endswith('sys_basic.py'), type(sys.argv).__name__, len(sys.argv) >= 1)
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, sys.maxsize + 1)
print(sys.version_info[0], sys.version_info[0] >= 3)
try:
    sys.exit(3)
except SystemExit as e:
    print('SystemExit', e.code, e.args)
try:
    sys.exit()
except SystemExit as e:
    print('SystemExit', e.code)
try:
    sys.exit('message')
except SystemExit as e:
    print('SystemExit', e.code)
try:
    raise SystemExit(0)
except SystemExit as e:
    print('direct', e.code, isinstance(e, Exception), isinstance(e, BaseException))
try:
    try:
        sys.exit(1)
    except Exception:
        print('not caught by Exception')
except SystemExit:
    print('caught by SystemExit handler')
def cleanup():
    try:
        sys.exit(5)
    finally:
        print('finally runs on exit')
try:
    cleanup()
except SystemExit as e:
    print('code', e.code)
print('end')
