# socket.sendmsg / recvmsg with ancillary data (a descriptor passed with SCM_RIGHTS).
import array
import os
import socket

a, b = socket.socketpair()
print(a.sendmsg([b"one ", b"two ", memoryview(b"three")]))
data, anc, flags, addr = b.recvmsg(100)
print(data, anc, flags, addr)

r, w = os.pipe()
fds = array.array("i", [r])
print(a.sendmsg([b"fd"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds.tobytes())]))
data, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(fds.itemsize))
print(data, len(anc), anc[0][0] == socket.SOL_SOCKET, anc[0][1] == socket.SCM_RIGHTS)
got = array.array("i")
got.frombytes(anc[0][2])
os.write(w, b"through the passed descriptor")
print(os.read(got[0], 100))

a.sendmsg([b"scatter me"])
first, second = bytearray(4), bytearray(20)
n, anc, flags, addr = b.recvmsg_into([first, second])
print(n, first, second[:n - 4], anc)

a.sendall(b"0123456789")
data, anc, flags, addr = b.recvmsg(4)
print(data, flags & socket.MSG_TRUNC)
print(b.recv(100))
print(socket.CMSG_LEN(4) >= 4, socket.CMSG_SPACE(4) >= socket.CMSG_LEN(4))
for bad in (lambda: b.recvmsg(-1), lambda: socket.CMSG_LEN(-1),
            lambda: a.sendmsg([b"x"], [(1, 2)])):
    try:
        bad()
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__)
for s in (a, b):
    s.close()
for fd in (r, w, got[0]):
    os.close(fd)
