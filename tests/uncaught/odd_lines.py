# Tab indentation, trailing blanks and non-ASCII text before the failing part.
def weigh(items):
	names = {"straße": 1, "café": 2}
	return names["crème"] + len(items)   


weigh([])
