# tokenize: tokens of a small program, and back to source.
import io
import token
import tokenize

source = 'def f(a, b=2):\n    """doc"""\n    return a + b  # add\n\nx = f(1) if True else [1, 2.5e3, 0x1F]\n'
toks = list(tokenize.generate_tokens(io.StringIO(source).readline))
for t in toks:
    print(tokenize.tok_name[t.type], repr(t.string), t.start, t.end)
print(tokenize.untokenize(toks) == source)
print(token.NAME, token.OP, tokenize.tok_name[tokenize.COMMENT], token.ISTERMINAL(token.NAME))
btoks = list(tokenize.tokenize(io.BytesIO(b"y = 'caf\xc3\xa9'\n").readline))
print(btoks[0].string, [t.string for t in btoks[1:]])
print(tokenize.detect_encoding(io.BytesIO(b"# -*- coding: latin-1 -*-\nx = 1\n").readline))
try:
    list(tokenize.generate_tokens(io.StringIO("s = 'open\n").readline))
except tokenize.TokenError as e:
    print("TokenError")
