# A bracket left open: reported where it opens.
x = (1,
     2
y = 3
