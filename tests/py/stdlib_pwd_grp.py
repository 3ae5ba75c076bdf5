# weft's native pwd and grp: records of the password and group databases, looked up by
# id and by name, the whole databases, and CPython's errors for missing entries.
import grp
import os
import pwd

me = pwd.getpwuid(0)
print(me.pw_name, me.pw_uid, me.pw_gid, me[0] == me.pw_name, len(me), type(me).__name__)
print(pwd.getpwnam(me.pw_name) == me, repr(me).startswith("pwd.struct_passwd(pw_name="))
print(pwd.getpwuid(os.getuid()).pw_uid == os.getuid())
everyone = pwd.getpwall()
print(me in everyone, all(isinstance(p.pw_dir, str) for p in everyone))
root_group = grp.getgrgid(0)
print(root_group.gr_name, root_group.gr_gid, isinstance(root_group.gr_mem, list))
print(grp.getgrnam(root_group.gr_name).gr_gid, repr(root_group).startswith("grp.struct_group("))
print(root_group in grp.getgrall())
name, passwd, uid, gid, gecos, home, shell = me
print(name, uid, home == me.pw_dir)
for bad in (lambda: pwd.getpwuid(2**31 - 7), lambda: pwd.getpwnam("no such user here"),
            lambda: grp.getgrgid(2**31 - 7), lambda: grp.getgrnam("no such group here"),
            lambda: pwd.getpwnam(5)):
    try:
        print(bad())
    except (KeyError, TypeError) as e:
        print(type(e).__name__, e)
