// Where a shell session's output arrives: `corralctl enter --output-socket`
// writes the CT's output to this unix socket instead of to its pty, and
// reads input from it too. The pty stays for window size, signals and
// corralctl's own error lines (and input typed before the socket connected).
// A pty master hands over at most 4 KiB per read, one JS callback each
// (25,000 for 100 MB), and every write through it waits for a kernel worker;
// the socket gives 64 KiB reads and wakes corralctl directly. It lives in a
// fresh 0700 directory (only root can connect); the first connection is the
// session's, and the path is removed once it came.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { writeToSocket } from "@/server/agent/console-socket-write";

export type ConsoleOutputSocket = {
  path: string;
  // Sends input; false while corralctl has not connected (the pty takes it then).
  write: (data: Buffer) => boolean;
  pause: () => void;
  resume: () => void;
  // Resolves when corralctl closed its end, or after `graceMs` in any case;
  // without a connection (corralctl failed before entering) after CONNECT_WAIT_MS,
  // in case its connection is still waiting to be accepted.
  ended: (graceMs: number) => Promise<void>;
  close: () => void;
};

const CONNECT_WAIT_MS = 100;

export function listenConsoleOutput(onData: (chunk: Buffer) => void): ConsoleOutputSocket {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corral-console-"));
  const file = path.join(dir, "out");
  let conn: net.Socket | undefined;
  let paused = false;
  let closed = false;
  let connected: (() => void) | undefined;
  const server = net.createServer((sock) => {
    if (conn || closed) return void sock.destroy();
    conn = sock;
    removePath();
    sock.on("data", onData);
    sock.on("error", () => sock.destroy()); // a reset is an end like any other
    if (paused) sock.pause();
    connected?.(); // the process already exited: read to the end
  });
  const removePath = () => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  server.on("error", () => removePath());
  // A unix socket is bound and listening when listen() returns: corralctl,
  // spawned next, finds it.
  server.listen(file);
  return {
    path: file,
    write: (data) => {
      if (!conn || conn.destroyed) return false;
      writeToSocket(conn, data);
      return true;
    },
    pause: () => {
      paused = true;
      conn?.pause();
    },
    resume: () => {
      paused = false;
      conn?.resume();
    },
    ended: (graceMs) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, graceMs);
        const done = () => {
          clearTimeout(t);
          resolve();
        };
        const drain = () => {
          const c = conn;
          if (!c || c.destroyed || c.readableEnded) return done();
          // Unpaused: the last bytes are read even when no viewer acknowledged them.
          c.resume();
          c.once("close", done);
        };
        if (conn) return drain();
        const wait = setTimeout(done, CONNECT_WAIT_MS);
        connected = () => {
          clearTimeout(wait);
          drain();
        };
      }),
    close: () => {
      closed = true;
      removePath();
      conn?.destroy();
    },
  };
}
