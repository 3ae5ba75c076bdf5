# Found by the fuzzer (seed 11): the order of argument checks in bytes()/bytearray()
# sizes and in int()'s base.
def show(label, f):
    try:
        r = f()
    except Exception as e:
        r = (type(e).__name__, str(e))
    print(label, r if not isinstance(r, (bytes, bytearray)) or len(r) < 8 else len(r))


show('bytes huge', lambda: bytes(2**63 - 1))
show('bytes near max', lambda: bytes(2**63 - 33))
show('bytes past i64', lambda: bytes(2**64))
show('bytes big negative', lambda: bytes(-2**70))
show('bytearray big negative', lambda: bytearray(~2**63))
show('bytearray negative', lambda: bytearray(-3))
show('bytes small', lambda: bytes(3))


class Idx:
    def __index__(self):
        return 16


show('int float base', lambda: int('10', 2.5))
show('int None base', lambda: int('10', None))
show('int index base', lambda: int('10', Idx()))
show('int bool base', lambda: int('11', True))
show('int huge base', lambda: int('11', 2**70))
show('int str base', lambda: int('11', '8'))
show('int base 0', lambda: int('0x1f', 0))
