# The same line over and over: three shown, the rest counted.
def descend(depth):
    if depth > 40:
        raise RecursionError("deep enough")
    return descend(depth + 1)


def start():
    return descend(0)


start()
