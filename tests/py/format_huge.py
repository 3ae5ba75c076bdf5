# Huge precisions and widths in float formatting: CPython's digits, or MemoryError.
def show(label, f):
    try:
        r = f()
        print(label, len(r), r[:12], r[-6:])
    except MemoryError:
        print(label, "MemoryError")
    except (ValueError, OverflowError) as e:
        print(label, type(e).__name__, e)
show("%f", lambda: '%.200000f' % 1.0)
show("format f", lambda: format(0.1, '.70000f'))
show("format e", lambda: format(2.5, '.70000e'))
show("format g", lambda: format(1 / 3, '.70000g'))
show("%e", lambda: '%.1200e' % 1e-300)
show("exact", lambda: format(5e-324, '.1080f'))
show("%*d", lambda: '%*d' % (2**40, 1))
show("width", lambda: '{:>{w}}'.format('x', w=2**40))
show("ok", lambda: '{:>{w}.3f}'.format(3.14159, w=12))
