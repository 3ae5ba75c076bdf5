#!/bin/sh
# Install a CPython 3.14 to judge weft against, without touching the system.
#
# The machine's Debian (bookworm) has no python3.14 and its glibc is too old for the
# one Debian sid builds, so this takes sid's binary packages for python3.14 and the
# shared libraries it loads (glibc included), unpacks them under one folder and
# writes a wrapper that starts the interpreter through sid's own dynamic loader with
# sid's library folders: nothing outside DEST is read from the host's /lib.
#
# usage: tools/get_cpython314.sh [DEST]     (DEST defaults to /opt/cpython3.14)
# then:  DEST/python3.14 -c 'import sys; print(sys.version)'
set -eu

DEST=${1:-/opt/cpython3.14}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
# The interpreter, its standard library, and every shared library those link to.
PKGS="python3.14 python3.14-minimal libpython3.14-minimal libpython3.14-stdlib
libc6 libgcc-s1 libexpat1 libffi8 zlib1g libssl3t64 libzstd1 liblzma5 libbz2-1.0
libsqlite3-0 libreadline8t64 libncursesw6 libtinfo6 libuuid1 libmpdec4 libdb5.3t64
libcrypt1 media-types tzdata"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "fetching sid's package index" >&2
curl -fsS "$MIRROR/dists/sid/main/binary-amd64/Packages.xz" | xz -d >"$work/Packages"

mkdir -p "$DEST"
for pkg in $PKGS; do
    # The index is a list of paragraphs; take the Filename of the one for $pkg.
    file=$(awk -v want="$pkg" '
        /^Package: / { name = $2 }
        /^Filename: / && name == want { print $2; exit }
    ' "$work/Packages")
    if [ -z "$file" ]; then
        echo "package $pkg not found in sid's index" >&2
        exit 1
    fi
    echo "  $file" >&2
    curl -fsS "$MIRROR/$file" -o "$work/pkg.deb"
    dpkg-deb -x "$work/pkg.deb" "$DEST"
done

# The wrapper: sid's loader, sid's libraries, sid's interpreter (sid has merged /usr,
# so every library lands in usr/lib). PYTHONHOME points the interpreter at its own
# Lib under DEST/usr. sys.executable is the bare binary, which the host's loader
# cannot start: a script that runs sys.executable in a subprocess fails under it.
libs="$DEST/usr/lib/x86_64-linux-gnu"
cat >"$DEST/python3.14" <<EOF
#!/bin/sh
PYTHONHOME="$DEST/usr" exec "$DEST/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" \\
    --library-path "$libs" "$DEST/usr/bin/python3.14" "\$@"
EOF
chmod +x "$DEST/python3.14"
"$DEST/python3.14" -c 'import sys, json, re, decimal, ssl; print(sys.version)'
