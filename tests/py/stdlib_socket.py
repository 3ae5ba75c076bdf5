# socket from CPython's Lib on weft's _socket (frozen) and _socket_calls (native):
# socketpair, a TCP echo over loopback with a server thread, addresses, timeouts.
import socket, threading
a, b = socket.socketpair()
a.sendall(b"ping")
print(b.recv(10))
print(a.family, a.type)
a.close(); b.close()
srv = socket.create_server(("127.0.0.1", 0))
port = srv.getsockname()[1]
def serve():
    c, addr = srv.accept()
    with c:
        while data := c.recv(1024):
            c.sendall(data.upper())
t = threading.Thread(target=serve); t.start()
with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
    c.sendall(b"hello echo")
    print(c.recv(100))
t.join(); srv.close()
print(socket.getaddrinfo("localhost", 80, socket.AF_INET, socket.SOCK_STREAM)[0][4])
print(socket.inet_aton("1.2.3.4"), socket.inet_ntoa(b"\x7f\0\0\1"), socket.htons(1))
s = socket.socket(); s.settimeout(0.1); s.bind(("127.0.0.1", 0)); s.listen()
try: s.accept()
except TimeoutError as e: print("timeout", e)
s.close()
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2.sendto(b"datagram", u1.getsockname())
data, sender = u1.recvfrom(100)
print(data, sender == u2.getsockname())
u1.close(); u2.close()
x, y = socket.socketpair()
x.setblocking(False)
try:
    x.recv(10)
except BlockingIOError:
    print("would block", x.getblocking(), x.gettimeout())
buf = bytearray(8)
y.send(b"into")
x.setblocking(True)
print(x.recv_into(buf), buf)
print(x.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM)
x.close(); y.close()
try:
    socket.create_connection(("127.0.0.1", port), timeout=2)
except ConnectionRefusedError as e:
    print("refused", e.errno)
with socket.socket() as s2:
    s2.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    print(s2.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0, s2.family, s2.type)
print(socket.inet_pton(socket.AF_INET6, "::1"), socket.inet_ntop(socket.AF_INET6, bytes(15) + b"\x01"))
print(socket.gethostname() != "", socket.getdefaulttimeout())
