# textwrap from CPython's Lib: wrap, fill, shorten, dedent, indent, TextWrapper options.
import textwrap

text = ("The quick brown fox jumps over the lazy dog. Pack my box with five dozen "
        "liquor jugs! How vexingly quick daft zebras jump; sphinx of black quartz.")
print(textwrap.wrap(text, width=30))
print(textwrap.fill(text, width=40))
print(textwrap.fill(text, width=25, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten(text, width=50))
print(textwrap.shorten("Hello  world!", width=12), textwrap.shorten("Hello world", 11, placeholder="~"))
block = """
    def f():
        return 1
      # comment
"""
print(repr(textwrap.dedent(block)))
print(textwrap.indent("a\nb\n\nc", "> "))
print(textwrap.indent("a\nb\n\nc", "+ ", lambda line: True))
w = textwrap.TextWrapper(width=12, break_long_words=True, max_lines=3, placeholder=" ...")
print(w.wrap("supercalifragilisticexpialidocious is a long word indeed, very long"))
w2 = textwrap.TextWrapper(width=10, break_on_hyphens=True)
print(w2.wrap("well-known state-of-the-art hyphenated-words"))
w3 = textwrap.TextWrapper(width=20, expand_tabs=True, tabsize=4, replace_whitespace=True)
print(w3.fill("col1\tcol2\tcol3\nnext line here"))
print(textwrap.wrap("", 10), textwrap.wrap("   ", 10), textwrap.wrap("short", 100))
try:
    textwrap.wrap("x", width=0)
except ValueError as e:
    print("ValueError", e)
print(textwrap.fill("Sentence one.  Sentence two.", width=80, fix_sentence_endings=True))
print(textwrap.wrap("a b c d e f g", width=3, drop_whitespace=False))
