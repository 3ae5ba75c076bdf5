# A condition that assigns to an attribute: CPython suggests ==.
x = 1
if x.y = 1:
    pass
