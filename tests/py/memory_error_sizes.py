# Sizes computed from Python arguments that no machine could allocate raise MemoryError
# (checked before allocating), as in CPython; the program goes on.
def show(label, f):
    try:
        r = f()
        print(label, len(r))
    except MemoryError:
        print(label, "MemoryError")
    except OverflowError as e:
        print(label, "OverflowError", e)
show("ljust", lambda: 'x'.ljust(2**40))
show("center", lambda: 'x'.center(2**40, '*'))
show("rjust", lambda: 'x'.rjust(2**40))
show("zfill", lambda: '1'.zfill(2**40))
show("expandtabs", lambda: 'a\tb'.expandtabs(2**40))
show("to_bytes", lambda: (1).to_bytes(2**40, 'big'))
show("repeat", lambda: 'ab' * 2**39)
show("list repeat", lambda: [1, 2] * 2**38)
show("ok", lambda: 'x'.ljust(10))
