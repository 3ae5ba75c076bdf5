"""String constants and Template, written for weft."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = " \t\n\r\v\f"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or " ").join(map(str.capitalize, s.split(sep)))


class Template:
    delimiter = "$"
    idpattern = None
    braceidpattern = None

    def __init__(self, template):
        self.template = template

    def _is_id_start(self, c):
        return c == "_" or ("a" <= c.lower() <= "z" if c.isascii() else False)

    def _is_id_char(self, c):
        return self._is_id_start(c) or c.isdigit() and c.isascii()

    def _scan(self, mapping, safe):
        # yields the substituted pieces; raises for bad placeholders unless safe
        s = self.template
        d = self.delimiter
        out = []
        i = 0
        n = len(s)
        dl = len(d)
        while i < n:
            j = s.find(d, i)
            if j < 0:
                out.append(s[i:])
                break
            out.append(s[i:j])
            k = j + dl
            if s.startswith(d, k):
                out.append(d)
                i = k + dl
                continue
            if k < n and s[k] == "{":
                e = k + 1
                while e < n and self._is_id_char(s[e]) and (e > k + 1 or self._is_id_start(s[e])):
                    e += 1
                if e > k + 1 and e < n and s[e] == "}":
                    name = s[k + 1:e]
                    if safe and name not in mapping:
                        out.append(s[j:e + 1])
                    else:
                        out.append(str(mapping[name]))
                    i = e + 1
                    continue
            elif k < n and self._is_id_start(s[k]):
                e = k + 1
                while e < n and self._is_id_char(s[e]):
                    e += 1
                name = s[k:e]
                if safe and name not in mapping:
                    out.append(s[j:e])
                else:
                    out.append(str(mapping[name]))
                i = e
                continue
            if safe:
                out.append(d)
                i = k
                continue
            lineno = s.count("\n", 0, j) + 1
            colno = j - (s.rfind("\n", 0, j) + 1) + 1
            raise ValueError("Invalid placeholder in string: line %d, col %d"
                             % (lineno, colno))
        return "".join(out)

    def substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = _Chain(kws, mapping)
        return self._scan(mapping, False)

    def safe_substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = _Chain(kws, mapping)
        return self._scan(mapping, True)

    def get_identifiers(self):
        names = []

        class Rec:
            def __contains__(self, k):
                return False

            def __getitem__(self, k):
                if k not in names:
                    names.append(k)
                return ""
        self._scan(Rec(), False)
        return names

    def is_valid(self):
        try:
            self._scan(_Anything(), False)
        except ValueError:
            return False
        return True


class _Anything:
    def __contains__(self, k):
        return True

    def __getitem__(self, k):
        return ""


class _Chain:
    def __init__(self, *maps):
        self.maps = maps

    def __contains__(self, k):
        return any(k in m for m in self.maps)

    def __getitem__(self, k):
        for m in self.maps:
            if k in m:
                return m[k]
        raise KeyError(k)


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        return format_string.format(*args, **kwargs)
