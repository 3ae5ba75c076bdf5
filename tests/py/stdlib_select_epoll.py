# select.epoll and select.poll over a pipe.
import os
import select

r, w = os.pipe()
ep = select.epoll()
print(ep.closed, ep.fileno() >= 0)
ep.register(r, select.EPOLLIN)
ep.register(w, select.EPOLLOUT)
print(ep.poll(0) == [(w, select.EPOLLOUT)])
os.write(w, b"ping")
print(sorted(ep.poll(1)) == sorted([(r, select.EPOLLIN), (w, select.EPOLLOUT)]))
ep.modify(w, 0)
print(ep.poll(0.01) == [(r, select.EPOLLIN)])
ep.unregister(r)
print(ep.poll(0))
try:
    ep.register(w)
except FileExistsError as e:
    print("FileExistsError", e.errno)
try:
    ep.unregister(r)
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
try:
    ep.poll(0, 0)
except ValueError as e:
    print(e)
ep.close()
ep.close()
print(ep.closed)
for call in (ep.fileno, lambda: ep.poll(0), lambda: ep.register(r)):
    try:
        call()
    except ValueError as e:
        print(e)
with select.epoll() as e2:
    e2.register(r, select.EPOLLIN | select.EPOLLET)
    print(e2.poll(0) == [(r, select.EPOLLIN)])
print(e2.closed)
print(select.EPOLLIN, select.EPOLLOUT, select.EPOLLET, select.EPOLLONESHOT)

p = select.poll()
p.register(r, select.POLLIN)
print(p.poll(0) == [(r, select.POLLIN)])
os.read(r, 10)
print(p.poll(0))
try:
    p.modify(w, select.POLLOUT)
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
p.register(w, select.POLLOUT)
p.modify(w, select.POLLOUT)
print(p.poll(0) == [(w, select.POLLOUT)])
print(select.select([r], [w], [], 0) == ([], [w], []))
os.close(r)
os.close(w)
