# if/elif/else, while/else, for/else, break/continue
def classify(n):
    if n < 0:
        return 'neg'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'big'
print([classify(v) for v in (-5, 0, 3, 42)])
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print('w', i)
else:
    print('while done', i)
i = 0
while True:
    i += 1
    if i > 3:
        break
else:
    print('never')
print('broke at', i)
for x in [1, 2, 3]:
    if x == 10:
        break
else:
    print('for else ran')
for x in [1, 2, 3]:
    if x == 2:
        print('found 2')
        break
else:
    print('not printed')
for x in []:
    print('no')
else:
    print('empty for else')
n = 0
while n < 0:
    n += 1
else:
    print('while else on false start')
primes = []
for cand in range(2, 40):
    for d in range(2, cand):
        if cand % d == 0:
            break
    else:
        primes.append(cand)
print(primes)
out = []
for a in range(4):
    for b in range(4):
        if b > a:
            break
        if (a + b) % 2:
            continue
        out.append((a, b))
print(out)
print('yes' if 1 else 'no', 'yes' if [] else 'no', 'yes' if 'x' and 0 else 'no')
print(1 and 2, 0 and 2, 1 or 2, 0 or '', None or 'd', not 0, not [1])
print([] or [] and 1, 3 and [] or 'z')
t = 0
for v in range(100):
    if v % 3 == 0 or v % 5 == 0:
        t += v
print(t)
k = 10
while k:
    k -= 3
    if k < 0:
        print('neg', k)
        break
if not None:
    pass
count = 0
for _ in 'abc':
    for _ in range(2):
        count += 1
print(count)
x = 5
if x > 3:
    if x > 4:
        print('nested ok')
def early(v):
    for q in range(10):
        if q == v:
            return q * 100
    return -1
print(early(3), early(20))
a = b = c = 7
print(a, b, c, a is b)
print(0 < x < 10, 0 < x > 10, x == 5 != 6)
