# A numeric literal with leading zeros.
n = 0777
