# A dedent to a column no block started at.
if True:
    x = 1
  y = 2
