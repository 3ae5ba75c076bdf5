# Expressions over several lines: the marker runs to the end of the first line shown.
def scale(a, b):
    return a / b


values = [
    scale(4, 2),
    scale(1,
          0),
]
