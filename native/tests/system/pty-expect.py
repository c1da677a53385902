#!/usr/bin/env python3
"""Drive a command on a pty: `pty-expect.py SCRIPT -- CMD...`.  SCRIPT lines
are `send TEXT` (\\r, \\x1b escapes understood), `expect TEXT` (wait up to
10 s), `sleep S`.  Exit 0 when every expect matched, else 1; prints the
transcript to stderr and the command's exit status as the last line."""
import os, pty, sys, time, select

script, cmd = sys.argv[1], sys.argv[sys.argv.index('--') + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
buf = b''
def pump(timeout):
    global buf
    r, _, _ = select.select([fd], [], [], timeout)
    if r:
        try:
            d = os.read(fd, 65536)
        except OSError:
            return False
        if not d:
            return False
        buf += d
    return True
ok = True
for line in open(script):
    line = line.rstrip('\n')
    if not line:
        continue
    op, _, arg = line.partition(' ')
    arg_b = arg.encode().decode('unicode_escape').encode('latin-1')
    if op == 'send':
        os.write(fd, arg_b)
    elif op == 'sleep':
        end = time.time() + float(arg)
        while time.time() < end:
            pump(0.05)
    elif op == 'expect':
        end = time.time() + 10
        while arg_b not in buf and time.time() < end:
            if not pump(0.1):
                break
        if arg_b not in buf:
            ok = False
            sys.stderr.write('missing: %r\n' % arg)
            break
        buf = buf[buf.index(arg_b) + len(arg_b):]
end = time.time() + 5
while time.time() < end and pump(0.1):
    pass
# The pty reports EOF as the child closes its fds, a moment before it can
# be reaped: poll for the exit instead of a single WNOHANG.
status, end = None, time.time() + 5
while status is None and time.time() < end:
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        status = st
    else:
        time.sleep(0.05)
if status is None:
    os.kill(pid, 9); os.waitpid(pid, 0); status = 9 << 8
sys.stderr.write(buf.decode(errors='replace'))
print(status >> 8)
sys.exit(0 if ok else 1)
