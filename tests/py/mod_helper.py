# helper module for import_local.py (no .exp: not a test by itself)
GREETING = 'hello from mod_helper'
counter = 0
print('mod_helper loading')

def greet(name):
    return GREETING + ', ' + name

def bump():
    global counter
    counter += 1
    return counter

class Shape:
    sides = 0
    def __init__(self, name):
        self.name = name
    def describe(self):
        return '%s with %d sides' % (self.name, self.sides)

class Square(Shape):
    sides = 4

_private = 'underscore'
