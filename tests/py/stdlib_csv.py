# csv from CPython's Lib on weft's _csv: reading quoted, escaped and multi-line fields,
# writing with each quoting mode, dialects, DictReader / DictWriter and errors.
import csv
import io

text = 'name,age,note\r\nann,31,"likes ""quotes"""\r\nbob,42,"two\nlines"\r\n"x, y",,\r\n'
for row in csv.reader(io.StringIO(text, newline="")):
    print(row)
print(list(csv.reader(["a;b;'c;d'"], delimiter=";", quotechar="'")))
print(list(csv.reader(["a\\,b,c"], escapechar="\\")))
print(list(csv.reader(["  a,  b"], skipinitialspace=True)))
print(list(csv.reader(["1,\"two\",3.5"], quoting=csv.QUOTE_NONNUMERIC)))
print(list(csv.reader(["", "a,b", ""])))

rows = [["plain", "with,comma", 'with "quote"', "new\nline", 3, 2.5, None, ""]]
for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC):
    out = io.StringIO()
    csv.writer(out, quoting=quoting).writerows(rows)
    print(repr(out.getvalue()))
out = io.StringIO()
w = csv.writer(out, quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
w.writerow(["a,b", "c"])
w.writerow(["x"])
print(repr(out.getvalue()))
out = io.StringIO()
csv.writer(out, doublequote=False, escapechar="\\").writerow(['say "hi"'])
print(repr(out.getvalue()))
out = io.StringIO()
csv.writer(out).writerow([""])
print(repr(out.getvalue()))

csv.register_dialect("pipes", delimiter="|", quoting=csv.QUOTE_ALL)
print(csv.list_dialects().count("pipes"), csv.get_dialect("pipes").delimiter)
out = io.StringIO()
csv.writer(out, "pipes").writerow([1, "two"])
print(repr(out.getvalue()))
print(list(csv.reader(['"1"|"two"'], "pipes")))
csv.unregister_dialect("pipes")
try:
    csv.get_dialect("pipes")
except csv.Error as e:
    print("Error:", e)

out = io.StringIO()
dw = csv.DictWriter(out, fieldnames=["k", "v"])
dw.writeheader()
dw.writerows([{"k": "a", "v": 1}, {"k": "b", "v": 2}])
print(repr(out.getvalue()))
for rec in csv.DictReader(io.StringIO(out.getvalue())):
    print(rec)

for bad in (dict(delimiter="::"), dict(quoting=9), dict(quotechar=None)):
    try:
        csv.writer(io.StringIO(), **bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(["a,b"])
except csv.Error as e:
    print("Error:", e)
try:
    list(csv.reader(['"open'], strict=True))
except csv.Error as e:
    print("Error:", e)
r = csv.reader(["a,b", "c,d"])
next(r)
print(r.line_num, r.dialect.delimiter, csv.excel.lineterminator == "\r\n")
print(csv.Sniffer().sniff("a;b;c\n1;2;3\n").delimiter)
