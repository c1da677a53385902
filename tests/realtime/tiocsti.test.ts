// "TIOCSTI from inside the CT cannot type into anything outside it" (issue 8).
// A static program built here with gcc runs in a busybox CT and pushes a
// command into every terminal it can reach with ioctl(TIOCSTI): each of its
// open fds and /dev/tty (its controlling terminal, wherever that is), at once
// and again a second later from a child that outlives the command (so the
// text is not swallowed by a still-running corralctl but reaches whatever
// reads the terminal next). The host side is a real pty (node-pty, as the agent holds its terminals) with a
// host shell on it that starts `corralctl enter` or `corralctl exec`: a
// command that got into that pty would run on the host when the CT side is
// done and create a marker file. A control run of the same program on the
// host proves the harness sees an injection when there is one.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, type IPty } from "node-pty";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORRALCTL, makeSimNode, nodeTestsSkipReason, type SimNode } from "../helpers/node-sim";

const SOURCE = String.raw`
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Pushes TEXT and a newline into the input of the terminal behind FD. */
static int push (int fd, const char *text)
{
  for (const char *p = text; *p; p++)
    if (ioctl (fd, TIOCSTI, p) < 0)
      return -errno;
  char nl = '\n';
  return ioctl (fd, TIOCSTI, &nl) < 0 ? -errno : 0;
}

int main (int argc, char **argv)
{
  if (argc < 2)
    return 2;
  for (int fd = 0; fd < 1024; fd++)
    {
      if (fcntl (fd, F_GETFD) < 0 || !isatty (fd))
        continue;
      int r = push (fd, argv[1]);
      printf ("fd %d: %s\n", fd, r == 0 ? "injected" : strerror (-r));
    }
  int tty = open ("/dev/tty", O_RDWR | O_NOCTTY);
  if (tty < 0)
    printf ("/dev/tty: %s\n", strerror (errno));
  else
    {
      int r = push (tty, argv[1]);
      printf ("/dev/tty: %s\n", r == 0 ? "injected" : strerror (-r));
    }
  fflush (stdout);
  /* Again from a child once the command is over: corralctl has stopped
     reading the terminal by then, its caller's shell reads it next.  */
  if (tty >= 0 && fork () == 0)
    {
      close (0);
      close (1);
      close (2);
      sleep (1);
      push (tty, argv[1]);
      _exit (0);
    }
  return 0;
}
`;

function skipReason(): string | null {
  const node = nodeTestsSkipReason();
  if (node) return node;
  try {
    execFileSync("gcc", ["--version"], { stdio: "ignore" });
  } catch {
    return "gcc is not installed";
  }
  if (!fs.existsSync("/usr/lib/x86_64-linux-gnu/libc.a") && !fs.existsSync("/usr/lib/libc.a")) return "no static libc (libc6-dev) for gcc -static";
  return null;
}

const skip = skipReason();
const CTID = 700 + (process.pid % 200);

// A host shell on a fresh pty; output collected, waits by marker.
function hostShell() {
  const pty: IPty = spawn("/bin/sh", [], { name: "xterm", cols: 120, rows: 40, cwd: "/", env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", PS1: "$ ", HOME: "/root" } });
  let out = "";
  pty.onData((d) => (out += d));
  return {
    pty,
    output: () => out,
    type: (s: string) => pty.write(s),
    waitFor: async (what: string, timeoutMs = 15_000) => {
      const end = Date.now() + timeoutMs;
      while (!out.includes(what)) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; output: ${JSON.stringify(out.slice(-800))}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

describe.skipIf(skip)(`TIOCSTI from a CT${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let dir: string;
  let node: SimNode;
  let prog: string;
  const shells: IPty[] = [];
  const marker = (name: string) => path.join(dir, `injected-${name}`);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "corral-tiocsti-"));
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, "tiocsti.c"), SOURCE);
    prog = path.join(dir, "tiocsti");
    execFileSync("gcc", ["-static", "-O2", "-o", prog, path.join(dir, "tiocsti.c")], { stdio: "pipe" });
    node = makeSimNode();
    node.ctl("create", String(CTID), "--ostemplate", "busybox", "--hostname", `ct${CTID}`);
    node.ctl("start", String(CTID), "--wait");
    // Into the CT through exec's stdin: independent of the node's storage layout.
    execFileSync(CORRALCTL, ["--root", node.root, "exec", String(CTID), "--", "sh", "-c", "cat > /tiocsti && chmod 755 /tiocsti"], { input: fs.readFileSync(prog), stdio: ["pipe", "pipe", "pipe"] });
  }, 120_000);

  afterAll(() => {
    for (const p of shells) {
      try {
        process.kill(p.pid, "SIGKILL");
      } catch {
        // Gone.
      }
    }
    node?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("control: on the host, the program does type into its own terminal (the harness can see an injection)", async () => {
    const sh = hostShell();
    shells.push(sh.pty);
    sh.type(`${prog} 'touch ${marker("control")}'; echo DONE-""MARK\r`);
    await sh.waitFor("DONE-MARK");
    sh.type(`echo END-""MARK\r`);
    await sh.waitFor("END-MARK");
    expect(fs.existsSync(marker("control")), sh.output()).toBe(true);
  });

  it("corralctl enter (the shell the agent runs on node-pty): the CT's own pty only", async () => {
    const sh = hostShell();
    shells.push(sh.pty);
    sh.type(`${CORRALCTL} -q --root ${node.root} enter ${CTID}\r`);
    sh.type(`echo IN-""CT-$((6*7))\r`);
    await sh.waitFor("IN-CT-42");
    // The CT shell exits at once after the program: what it typed into its own
    // pty dies with it; what reached the host pty would run on the host.
    sh.type(`/tiocsti 'touch ${marker("enter")}'; exit\r`);
    await sh.waitFor("/dev/tty:");
    // enter returns once the program's child (holding the CT pty) is done.
    await new Promise((r) => setTimeout(r, 2500));
    sh.type(`echo BACK-""ON-""HOST\r`);
    await sh.waitFor("BACK-ON-HOST");
    await new Promise((r) => setTimeout(r, 500));
    expect(fs.existsSync(marker("enter")), sh.output()).toBe(false);
    // The program did reach a terminal: the CT's own.
    expect(sh.output()).toMatch(/fd 0: (injected|Operation not permitted|Input\/output error)/);
  });

  it("corralctl exec run from a host terminal: the command in the CT has no way to the caller's terminal", async () => {
    const sh = hostShell();
    shells.push(sh.pty);
    sh.type(`${CORRALCTL} -q --root ${node.root} exec ${CTID} -- /tiocsti 'touch ${marker("exec")}'; echo DONE-""MARK\r`);
    await sh.waitFor("DONE-MARK");
    sh.type(`echo END-""MARK\r`);
    await sh.waitFor("END-MARK");
    await new Promise((r) => setTimeout(r, 2000));
    expect(fs.existsSync(marker("exec")), sh.output()).toBe(false);
    // exec gives the command pipes: any terminal it reached was the caller's.
    expect(sh.output()).not.toMatch(/: injected/);
  });
});
