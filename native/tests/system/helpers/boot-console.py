#!/usr/bin/env python3
"""Boot a CT rootfs in fresh namespaces with a pty as /dev/console, log in on
the console as root and run a command: a stand-in for the runtime so the
template tests need no running CT.  Prints what it saw; exits 0 if the login
worked and init powered off.

usage: boot-console.py ROOTFS ID_SHIFT PASSWORD PROMPT_TIMEOUT_SECONDS [systemd]

With "systemd", the CT also gets a read-only /sys, a /run tmpfs, a cgroup
namespace rooted in a delegated (CT-root-owned) cgroup2 directory mounted at
/sys/fs/cgroup, and container=corral in init's environment: what systemd
needs to run as a CT's init.
"""
import ctypes, os, pty, select, signal, sys, time

rootfs, shift, password, timeout = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
systemd = len(sys.argv) > 5 and sys.argv[5] == "systemd"
NEWCGROUP = 0x02000000
cgdir = None
if systemd:
    cgdir = f"/sys/fs/cgroup/unified/corral-boot-{os.getpid()}"
    os.mkdir(cgdir)
    for f in ["", "cgroup.procs", "cgroup.subtree_control", "cgroup.threads"]:
        os.chown(os.path.join(cgdir, f) if f else cgdir, shift, shift)
libc = ctypes.CDLL(None, use_errno=True)
NEWNS, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET = 0x20000, 0x4000000, 0x8000000, 0x10000000, 0x20000000, 0x40000000

master, slave = pty.openpty()
# CT root is host uid SHIFT: it must own its console, as the runtime arranges.
os.fchown(slave, shift, shift)
os.fchmod(slave, 0o620)
setup = f"""
set -e
R={rootfs}
mount --make-rprivate /
mount --bind "$R" "$R"
mount -t tmpfs -o mode=755 dev "$R/dev"
for n in null zero full random urandom tty; do touch "$R/dev/$n"; mount --bind "/dev/$n" "$R/dev/$n"; done
touch "$R/dev/console"; mount --bind "$(readlink /proc/self/fd/0)" "$R/dev/console"
mount -t proc proc "$R/proc"
if [ -n "{'1' if systemd else ''}" ]; then
  mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$R/sys"
  mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$R/sys/fs/cgroup"
  mount -t tmpfs -o nosuid,nodev,mode=755 run "$R/run"
fi
cd "$R"
exec chroot . /sbin/init
"""

# The user namespace is made first and mapped by us (as root we need no
# /etc/subuid); only then does the child become uid 0 inside and make the rest.
r1, w1 = os.pipe()
r2, w2 = os.pipe()
pid = os.fork()
if pid == 0:
    try:
        os.setsid()
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        if libc.unshare(NEWUSER) != 0:
            raise OSError(ctypes.get_errno(), "unshare user")
        os.write(w1, b"u")
        os.read(r2, 1)
        os.setresgid(0, 0, 0)
        os.setresuid(0, 0, 0)
        if libc.unshare(NEWNS | NEWPID | NEWUTS | NEWIPC | NEWNET | (NEWCGROUP if systemd else 0)) != 0:
            raise OSError(ctypes.get_errno(), "unshare")
        # The host configures eth0 before init runs, as the runtime does.
        os.write(w1, b"n")
        os.read(r2, 1)
        c = os.fork()
        if c == 0:
            env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "TERM": "vt100"}
            if systemd:
                env["container"] = "corral"
            os.execvpe("sh", ["sh", "-c", setup], env)
        _, st = os.waitpid(c, 0)
        os._exit(0 if os.WIFSIGNALED(st) else 1)
    except BaseException as e:
        sys.stderr.write(f"boot: {e}\n")
        os._exit(2)
os.close(slave)
os.read(r1, 1)
# setgroups stays "allow": login calls setgroups(), and host root may map gids.
for m in ("uid_map", "gid_map"):
    with open(f"/proc/{pid}/{m}", "w") as f:
        f.write(f"0 {shift} 65536\n")
if cgdir:
    with open(f"{cgdir}/cgroup.procs", "w") as f:
        f.write(str(pid))
os.write(w2, b"g")
# BOOT_NET="CTID IP TESTDRV": give the CT its network through the library,
# before init runs (as the runtime does); later probe sshd from the host.
net = os.environ.get("BOOT_NET", "").split()
os.read(r1, 1)
if net:
    import subprocess
    if subprocess.call([net[2], "net-up", net[0], str(pid), net[1]]) != 0:
        print("net-up failed")
os.write(w2, b"n")
seen = b""
status = None

def expect(token, secs):
    global seen
    end = time.time() + secs
    while time.time() < end:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                data = os.read(master, 4096)
            except OSError:
                return False
            seen += data
            if token in seen:
                return True
    return False

def send(s):
    os.write(master, s.encode())

def fail(msg):
    print(msg)
    sys.stderr.write("console saw:\n" + seen.decode(errors="replace") + "\n")
    cleanup()
    sys.exit(1)

def cleanup():
    # The CT's processes have their own sessions: kill its init (the kernel
    # then kills the whole PID namespace) and, with systemd, the cgroup.
    try:
        for c in open(f"/proc/{pid}/task/{pid}/children").read().split():
            os.kill(int(c), signal.SIGKILL)
    except OSError:
        pass
    if cgdir:
        try:
            with open(f"{cgdir}/cgroup.kill", "w") as f:
                f.write("1")
        except OSError:
            pass
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
    if cgdir:
        for _ in range(50):
            try:
                for d, _, _ in sorted(os.walk(cgdir), key=lambda t: -len(t[0])):
                    os.rmdir(d)
                return
            except OSError:
                time.sleep(0.1)


if not expect(b"login: ", timeout):
    fail("no login prompt")

send("root\r")
if not expect(b"Password: ", 10):
    fail("no password prompt")
send(password + "\r")
if not expect(b"# ", 10):
    fail("no shell prompt after login")
seen = b""
send("echo he''llo-$(id -u)-$(hostname)-$$\r")
if not expect(b"hello-0-", 10):
    fail("command did not run")
expect(b"# ", 2)
print("login ok:", seen.decode(errors="replace").split("\n")[1].strip())
# The template's chpasswd (a script over busybox mkpasswd), then log in again.
seen = b""
send("echo 'root:new-pw 44' | chpasswd && echo chpw-\"\"done; exit\r")
if not expect(b"chpw-done", 10) or not expect(b"login: ", 10):
    fail("chpasswd in the CT failed")
send("root\r")
expect(b"Password: ", 10)
send("new-pw 44\r")
if not expect(b"# ", 10):
    fail("no shell prompt after chpasswd")
print("chpasswd + login ok")
# BOOT_EXTRA: one more command whose output is printed (for checks by hand).
if os.environ.get("BOOT_EXTRA"):
    seen = b""
    send(os.environ["BOOT_EXTRA"] + "; echo extra-\"\"done\r")
    expect(b"extra-done\r\n", 30)
    print(seen.decode(errors="replace"))
if net:
    import socket
    banner = b""
    for _ in range(50):
        try:
            with socket.create_connection((net[1], 22), timeout=2) as c:
                banner = c.recv(64)
                break
        except OSError:
            time.sleep(0.2)
    if not banner.startswith(b"SSH-2.0-"):
        fail("sshd does not answer on %s:22" % net[1])
    print("sshd answers from the host:", banner.decode().strip())
send("poweroff\r")
end = time.time() + 15
while time.time() < end:
    p, st = os.waitpid(pid, os.WNOHANG)
    if p:
        status = st
        break
    expect(b"\0", 0.3)
if status is None:
    fail("init did not exit after poweroff")
print("init exited after poweroff")
if net:
    import subprocess
    subprocess.call([net[2], "net-down", net[0]])
cleanup()
