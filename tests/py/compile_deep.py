# Compiling an expression nested far too deep raises RecursionError instead of
# overflowing the compiler's stack; moderately deep expressions still compile.
def attempt(label, source):
    try:
        code = compile(source, '<deep>', 'eval')
        print(label, 'compiled', eval(code))
    except RecursionError as e:
        print(label, 'RecursionError:', e)


attempt('sum of a million ones', '1' + '+1' * 1_000_000)
attempt('a million calls', 'abs' + '(1)' * 1_000_000)
attempt('two thousand terms', '1' + '+1' * 2000)
print('alive')
