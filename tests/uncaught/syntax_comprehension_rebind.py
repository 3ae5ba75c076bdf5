# A name bound by a comprehension loop after a := in the same comprehension bound it.
values = [i for i in range(5) if (j := i) for j in range(5)]
