# string indexing, slicing and methods
s = 'Hello, World'
print(s[0], s[-1], s[4], len(s))
print(s[2:5], s[:5], s[7:], s[-5:], s[::2], s[::-1], s[1:10:3], s[10:2:-2])
print(s[100:], s[-100:3], repr(s[5:2]))
try:
    s[20]
except IndexError as e:
    print(type(e).__name__, e)
print('a,b,,c'.split(','), 'a b  c '.split(), '  x  '.split(), 'a,b,c'.split(',', 1))
print('a-b-c'.rsplit('-', 1), 'line1\nline2\n'.splitlines(), ''.split(','), ''.split())
print('-'.join(['x', 'y', 'z']), ''.join([]), ', '.join('abc'))
print(repr('  pad  '.strip()), repr('  pad  '.lstrip()), repr('  pad  '.rstrip()))
print('xxhixx'.strip('x'), '..a..'.lstrip('.'), 'abcabc'.rstrip('cb'))
print('aaa'.replace('a', 'b'), 'aaa'.replace('a', 'b', 2), 'abc'.replace('', '-'))
print('hello'.find('l'), 'hello'.find('z'), 'hello'.rfind('l'), 'hello'.find('l', 3), 'hello'.index('e'))
try:
    'hello'.index('z')
except ValueError as e:
    print(type(e).__name__, e)
print('hello'.count('l'), 'aaaa'.count('aa'), 'abc'.count(''))
print('hello'.startswith('he'), 'hello'.startswith(('x', 'h')), 'hello'.endswith('lo'), 'hello'.endswith('l'))
print('MiXeD'.upper(), 'MiXeD'.lower(), 'hello world'.title(), 'hello'.capitalize(), 'MiXeD'.swapcase())
print('abc'.isalpha(), 'ab1'.isalpha(), '123'.isdigit(), ''.isdigit(), '  '.isspace(), 'abc'.islower(), 'ABC'.isupper(), 'a1'.isalnum())
print('hi'.center(6, '*'), 'hi'.ljust(5) + '|', 'hi'.rjust(5, '.'), '42'.zfill(5), '-42'.zfill(5))
print('a' in 'abc', 'bc' in 'abc', 'd' not in 'abc', '' in 'abc')
print('abc' < 'abd', 'abc' < 'ab', 'B' < 'a', 'abc' == 'abc', 'a' != 'b', 'abc' >= 'abc')
print('ab' * 3, 3 * 'x', 'ab' * 0, 'ab' * -1 == '')
print('x' + 'y', str(12) + 'z')
print('a\tb'.expandtabs(4), 'key=value=x'.partition('='), 'key=value=x'.rpartition('='), 'abc'.partition('z'))
print('héllo'.upper(), len('héllo'), 'ß'.upper(), chr(955), ord('λ'))
print('prefix_name'.removeprefix('prefix_'), 'file.py'.removesuffix('.py'), 'abc'.removeprefix('z'))
print(min('hello'), max('hello'), sorted('hello'), list('abc'))
t = ''
for ch in 'abc':
    t += ch.upper()
print(t)
print(str(), str(None), str(True), str([1, 'a']), str((1,)))
print('%d items' % 5, 'x'.join(['1', '2']).split('x'))
try:
    'abc'[1] = 'x'
except TypeError as e:
    print(type(e).__name__, e)
try:
    'a' + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    'a' * 'b'
except TypeError as e:
    print(type(e).__name__, e)
print('CamelCaseWord'.lower().split('case'))
print('  multiple   spaces here '.split(' '))
print('tab\tsep'.split('\t'), 'a\nb\r\nc'.splitlines())
print('abc'.encode(), 'é'.encode('utf-8'))
