# try/except/else, raise, user exceptions, args
def check(v):
    try:
        r = 10 // v
    except ZeroDivisionError:
        print('zero!')
    except TypeError as e:
        print('type:', e)
    else:
        print('ok', r)
    finally:
        print('finally', repr(v))
check(2); check(0); check('s')
class AppError(Exception):
    pass
class DbError(AppError):
    def __init__(self, code, msg='db failed'):
        super().__init__(code, msg)
        self.code = code
try:
    raise DbError(42)
except AppError as e:
    print(type(e).__name__, e.code, e.args, str(e), repr(e), isinstance(e, Exception))
try:
    raise AppError
except AppError as e:
    print(repr(e), e.args, str(e) == '')
try:
    raise AppError('one')
except AppError as e:
    print(e, e.args, repr(e))
try:
    try:
        raise KeyError('inner')
    except KeyError:
        raise ValueError('outer')
except ValueError as e:
    print(e, type(e.__context__).__name__, e.__cause__, e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise RuntimeError('wrapped') from z
except RuntimeError as e:
    print(e, type(e.__cause__).__name__, e.__suppress_context__)
try:
    try:
        raise KeyError('x')
    except KeyError:
        raise TypeError('no ctx') from None
except TypeError as e:
    print(e, e.__cause__, e.__suppress_context__)
def reraise():
    try:
        raise IndexError('orig')
    except IndexError:
        print('handling, reraising')
        raise
try:
    reraise()
except IndexError as e:
    print('caught again', e)
try:
    raise ValueError
except (TypeError, ValueError) as e:
    print('tuple catch', type(e).__name__)
try:
    [][1]
except LookupError as e:
    print('lookup', type(e).__name__)
try:
    raise StopIteration('si')
except StopIteration as e:
    print('stop', e.value, e.args)
try:
    e = ValueError('a', 'b')
    raise e
except ValueError as caught:
    print(caught is e, caught.args)
try:
    print(caught)
except NameError as ne:
    print('as-name cleared:', type(ne).__name__)
for exc in (ArithmeticError, LookupError, Exception, BaseException):
    print(exc.__name__, issubclass(ZeroDivisionError, exc), issubclass(KeyError, exc))
print(issubclass(OverflowError, ArithmeticError), issubclass(IndexError, LookupError), issubclass(UnboundLocalError, NameError), issubclass(RecursionError, RuntimeError))
print(issubclass(KeyboardInterrupt, Exception), issubclass(SystemExit, BaseException), issubclass(NotImplementedError, RuntimeError))
try:
    raise 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    raise int
except TypeError as e:
    print(type(e).__name__, e)
class WithStr(Exception):
    def __str__(self):
        return 'custom str'
try:
    raise WithStr('ignored')
except WithStr as e:
    print(e, e.args)
def nested_calls(n):
    if n == 0:
        raise LookupError('bottom')
    return nested_calls(n - 1)
try:
    nested_calls(10)
except LookupError as e:
    print('propagated', e)
count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise ValueError(count)
        break
    except ValueError as e:
        print('retry', e)
print('count', count)
