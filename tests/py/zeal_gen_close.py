# Closing or throwing into a generator paused in `yield from` hands the exception to the
# sub-generator first; the sub-generator's cleanup may collect, and the exception being
# delivered must survive that.
import gc


def inner(tag):
    try:
        yield tag
    finally:
        junk = [[i] * 3 for i in range(200)]
        gc.collect()
        print("inner cleanup", tag, len(junk))


def outer(tag):
    try:
        got = yield from inner(tag)
        print("inner returned", got)
    except GeneratorExit:
        print("outer sees GeneratorExit")
        raise
    except ValueError as e:
        print("outer sees", type(e).__name__, e.args)
        yield "after"


for round_no in range(3):
    g = outer(round_no)
    print(next(g))
    g.close()
    print("closed", round_no)

g = outer("t")
print(next(g))
print(g.throw(ValueError("boom", 7)))
g2 = outer("t2")
next(g2)
print(g2.throw(ValueError))
