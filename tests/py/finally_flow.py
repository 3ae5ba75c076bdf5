# break / continue / return inside a finally that a return is passing through.


def cont(n):
    out = []
    for i in range(n):
        try:
            try:
                out.append(i)
            finally:
                return "returned"
        finally:
            if i < n - 1:
                continue
    return out


def brk():
    for i in range(5):
        try:
            return "inner"
        finally:
            break
    return "after loop"


def override():
    try:
        return 1
    finally:
        return 2


def nested(x):
    while True:
        try:
            try:
                return x
            finally:
                x += 1
        finally:
            if x < 5:
                continue
            return x * 10


def with_value_in_for():
    total = 0
    for i in range(3):
        for j in range(3):
            try:
                return (i, j)
            finally:
                total += 1
                if j < 2:
                    continue
                break
    return total


print(cont(4), brk(), override(), nested(0), with_value_in_for())
