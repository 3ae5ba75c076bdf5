# finally semantics
def f1():
    try:
        return 'try'
    finally:
        print('f1 finally')
print(f1())
def f2():
    try:
        return 'try'
    finally:
        return 'finally wins'
print(f2())
def f3():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print('body', i)
        finally:
            print('cleanup', i)
    return 'loop done'
print(f3())
def f4():
    try:
        raise ValueError('boom')
    finally:
        print('f4 finally runs before propagation')
try:
    f4()
except ValueError as e:
    print('caught', e)
def f5():
    try:
        raise ValueError('lost')
    finally:
        return 'swallowed'
print(f5())
def f6():
    log = []
    try:
        try:
            log.append('inner try')
            raise KeyError('k')
        except KeyError:
            log.append('inner except')
            raise TypeError('t')
        finally:
            log.append('inner finally')
    except TypeError:
        log.append('outer except')
    finally:
        log.append('outer finally')
    return log
print(f6())
def f7(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        return 'div0'
    else:
        return 'else ' + str(r)
    finally:
        print('f7 finally', x)
print(f7(2), f7(0))
def f8():
    x = 0
    try:
        x = 1
        return x
    finally:
        x = 2
        print('x set to', x)
print(f8())
def f9():
    i = 0
    while True:
        try:
            i += 1
            if i == 3:
                return i
        finally:
            print('iter', i)
print(f9())
def f10():
    try:
        try:
            1 / 0
        finally:
            print('inner finally during exception')
    except ZeroDivisionError:
        print('outer caught')
    return 'ok'
print(f10())
def f12():
    try:
        raise ValueError('first')
    except ValueError:
        try:
            raise KeyError('second')
        except KeyError as e:
            print('inner handled', e)
        print('still in outer handler')
    return 'done'
print(f12())
def f13():
    for i in range(2):
        try:
            try:
                raise IndexError(i)
            finally:
                print('finally', i)
        except IndexError as e:
            print('caught', e)
            continue
f13()
