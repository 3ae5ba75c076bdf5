# An error inside an except block: the first one is shown as the context.
def parse(text):
    try:
        return int(text) // 0
    except ZeroDivisionError:
        return [text][int(text)]


parse("7")
