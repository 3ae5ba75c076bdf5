# An uncaught NameError from a typo in a function: the traceback suggests the local name
# that is close ("Did you mean"), as CPython's own printer does.
def total(values):
    running_sum = 0
    for v in values:
        running_sum += v
    return runing_sum


print(total([1, 2, 3]))
