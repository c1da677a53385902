#!/usr/bin/env python3
"""`corralctl enter --output-socket`, as the node agent drives it: listen on a
Unix socket, start enter with a stdin that stays open (no terminal), type a
command into the socket and read the CT's output from it until enter closes
it. Prints the bytes of SIZE `a`s counted in the output and enter's status.
Usage: enter-socket.py SIZE -- CORRALCTL-ARGV..."""
import os
import socket
import subprocess
import sys
import tempfile

size = int(sys.argv[1])
argv = sys.argv[3:]
d = tempfile.mkdtemp(prefix="corral-enter-sock-")
path = os.path.join(d, "out")
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen(1)
srv.settimeout(20)
p = subprocess.Popen(argv + ["--output-socket", path], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
try:
    conn, _ = srv.accept()
    conn.settimeout(20)
    # The `a`s come from the CT; the marker proves the typed line ran there.
    conn.sendall(f"echo mark\"\"er-$((6*7)); head -c {size} /dev/zero | tr '\\0' a; echo; exit 3\n".encode())
    out = bytearray()
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            break
        out += chunk
    p.stdin.close()
    rc = p.wait(timeout=20)
    # The typed line's echo has `mark""er`: only the output has `marker-42`.
    after = out.split(b"marker-42", 1)
    print(after[1].count(b"a") if len(after) == 2 else -1, rc)
finally:
    if p.poll() is None:
        p.kill()
        p.wait()
    srv.close()
    os.unlink(path)
    os.rmdir(d)
