# A line indented with spaces where the block used a tab.
if True:
	x = 1
        y = 2
