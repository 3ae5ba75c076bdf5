# str.format and % formatting
print('{} {}'.format('a', 'b'), '{1} {0}'.format('a', 'b'), '{x}-{y}'.format(x=1, y=2))
print('{0}{0}{1}'.format('ab', 'c'), '{{literal}}'.format(), '{}'.format(None))
print('[{:5}]'.format('ab'), '[{:>5}]'.format('ab'), '[{:^6}]'.format('ab'), '[{:*<5}]'.format('ab'))
print('[{:5}]'.format(42), '[{:<5}]'.format(42), '[{:05}]'.format(42), '[{:+}]'.format(42), '[{: }]'.format(42))
print('{:.2f}'.format(3.14159), '{:8.3f}|'.format(2.5), '{:e}'.format(12345.678), '{:.3e}'.format(0.000123))
print('{:x} {:X} {:o} {:b}'.format(255, 255, 8, 5), '{:#x} {:#o} {:#b}'.format(255, 8, 5))
print('{:,}'.format(1234567), '{:_}'.format(1234567), '{:,.2f}'.format(1234567.891))
print('{:%}'.format(0.25), '{:.1%}'.format(0.3333), '{:g}'.format(0.00001234), '{:g}'.format(123456789.0))
print('{:08.3f}'.format(-3.14159), '{:+.1f}'.format(2.0), '{:=+8}'.format(42))
print('{!r} {!s}'.format('hi', 'hi'), '{:>8}'.format('{!r}'.format('q')))
print('{0[1]} {1[k]}'.format([10, 20], {'k': 'v'}))
print('{:.3}'.format('abcdef'), '{:10.3}|'.format('abcdef'), '{:c}'.format(65))
w = 7
print('{:{}}|'.format('x', w), '{:>{w}}|'.format('y', w=w))
print('%s and %s' % ('a', 'b'), '%d' % 42, '%5d|' % 42, '%-5d|' % 42, '%05d' % 42)
print('%.2f' % 3.14159, '%8.3f|' % 2.5, '%e' % 1234.5, '%x %X %o' % (255, 255, 8), '%#x' % 255)
print('%r' % 'hi', '%s' % [1, 2], '%%', '100%% sure' % (), '%c' % 'z', '%c' % 97)
print('%(name)s is %(age)d' % {'name': 'Ann', 'age': 30})
print('%s' % (1,), '%s' % ((1, 2),), '%+d %+d' % (5, -5), '% d' % 7)
print('%i' % 3.9, '%.3s' % 'abcdef', '%*d' % (6, 12))
print('%g %g %g' % (0.5, 1e20, 123.456))
try:
    '%d' % 'x'
except TypeError as e:
    print(type(e).__name__, e)
try:
    '%s %s' % ('a',)
except TypeError as e:
    print(type(e).__name__, e)
try:
    '%s' % ('a', 'b')
except TypeError as e:
    print(type(e).__name__, e)
try:
    '{} {}'.format('a')
except IndexError as e:
    print(type(e).__name__, e)
try:
    '{x}'.format(y=1)
except KeyError as e:
    print(type(e).__name__, e)
print(format(3.5, '.2f'), format(42, 'x'), format('s', '>3'), format(12345), format(1.0))
print('{:d}'.format(True), '{}'.format(True), '{:.0f}'.format(2.5), '{:.0f}'.format(3.5))
print('{:>10.2f}|{:<8d}|{:^9s}|'.format(3.14159, 7, 'mid'))
