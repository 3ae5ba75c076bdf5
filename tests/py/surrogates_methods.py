# str methods on text holding lone surrogates (and on text holding the replacement
# character or private-use characters, which must stay distinct from them).
hi = '\ud800'
lo = '\udcff'
text = 'ab' + hi + ' cé' + lo + 'Σ\ufffd\ue000 x' + hi


def show(label, f):
    try:
        r = f()
    except Exception as e:
        r = (type(e).__name__, str(e))
    print(label, ascii(r))


show('split', lambda: text.split())
show('split sep', lambda: text.split(hi))
show('rsplit', lambda: text.rsplit(hi, 1))
show('split both', lambda: (hi + ' ' + lo + '\n' + hi).split())
show('splitlines', lambda: (text + '\n' + hi + '\r\n' + lo).splitlines())
show('splitlines keep', lambda: (hi + '\n' + lo).splitlines(True))
show('partition', lambda: text.partition(lo))
show('rpartition', lambda: text.rpartition(hi))
show('partition missing', lambda: text.partition(chr(0xdaaa)))
show('strip', lambda: text.strip(hi + 'a'))
show('lstrip', lambda: text.lstrip('ab'))
show('rstrip', lambda: text.rstrip(hi))
show('strip space', lambda: ('  ' + hi + '  ').strip())
show('replace', lambda: text.replace(hi, lo))
show('replace fffd', lambda: text.replace('\ufffd', '?'))
show('replace into', lambda: 'a.b.c'.replace('.', hi, 1))
show('replace empty', lambda: text.replace('', '-', 3))
show('find', lambda: [text.find(hi), text.rfind(hi), text.find('\ufffd'), text.find('\ue000')])
show('index', lambda: [text.index(lo), text.rindex(hi)])
show('index missing', lambda: text.index(chr(0xdbbb)))
show('count', lambda: [text.count(hi), text.count('\ufffd'), (hi * 5).count(hi + hi)])
show('starts', lambda: [text.startswith(('x', 'ab' + hi)), text.startswith('ab\ufffd'), text.endswith(hi)])
show('ends tuple', lambda: text.endswith(('\ufffd', 'x' + hi), 3))
show('removeprefix', lambda: [text.removeprefix('ab' + hi), text.removesuffix(hi), text.removesuffix('\ufffd')])
show('upper', lambda: text.upper())
show('lower', lambda: text.lower())
show('casefold', lambda: (text + 'ß').casefold())
show('swapcase', lambda: text.swapcase())
show('title', lambda: text.title())
show('title sigma', lambda: ('σ' + hi + 'ΑΣ' + hi).title())
show('lower sigma', lambda: ('AΣ' + hi + 'B').lower())
show('capitalize', lambda: [text.capitalize(), (hi + 'abc').capitalize()])
show('predicates', lambda: [text.isalpha(), text.isalnum(), text.isdigit(), text.isspace(),
                            text.isprintable(), text.isupper(), text.islower(), text.istitle(),
                            text.isascii(), text.isidentifier(), text.isdecimal(), text.isnumeric()])
show('predicates one', lambda: [hi.isprintable(), hi.isidentifier(), ('a' + hi).isidentifier(),
                                hi.isspace(), hi.isalpha(), hi.isupper(), hi.islower(),
                                ('A' + hi).isupper(), (hi + 'Ab').istitle()])
show('pad', lambda: [text.center(30, hi), text.ljust(25), text.rjust(25, '*')])
show('pad fill', lambda: [hi.center(4, lo), 'x'.ljust(3, hi)])
show('zfill', lambda: [(hi + '5').zfill(6), ('-' + hi).zfill(5)])
show('expandtabs', lambda: (hi + '\tx\t' + lo).expandtabs(4))
show('format spec', lambda: [format(hi, '>5'), '{:^7}'.format(hi), f'{hi:*<4}{lo}'])
show('format args', lambda: ['{0}{1}{0}'.format(hi, lo), '{x}!'.format(x=lo), ('{}' + hi).format(1)])
show('percent', lambda: ['%s|%5s|%-4s' % (hi, lo, hi), (hi + '%d') % 7])
show('join', lambda: [hi.join('abc'), ','.join([hi, lo, 'x']), ''.join([])])
show('join error', lambda: hi.join(['a', 1]))
show('translate', lambda: text.translate({ord(hi): None, 0xdcff: 'L', ord('a'): 0xdc01}))
show('translate range', lambda: 'a'.translate({97: 0x110000}))
show('maketrans', lambda: [str.maketrans(hi, 'z'), str.maketrans({hi: 'z'}), str.maketrans('', '', lo)])
show('maketrans use', lambda: text.translate(str.maketrans(hi + lo, 'HL', '\ufffd')))
show('encode', lambda: text.encode('utf-8', 'replace'))
