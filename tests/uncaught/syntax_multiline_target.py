# An assignment target over two lines: the caret runs to the end of the first.
x = (a
     + b) = 3
