// Input reaches a session's pty with one write() on the agent's own thread.
// node-pty queues every write to libuv's thread pool (fs.write): a thread
// wakeup there and a completion back to the event loop on every keystroke,
// each tens of µs on a busy node. Its master fd is non-blocking, so a direct
// write never stalls the agent: it is tried only while node-pty has nothing
// queued (bytes stay in order), and whatever the kernel does not take (a full
// pty, a large paste, an error) goes through node-pty's queue as before.
import fs from "node:fs";
import type { IPty } from "node-pty";

// node-pty's UnixTerminal: `fd` is its master, `_writeStream._writeQueue` its pending writes.
type PtyInternals = { fd?: unknown; _writeStream?: { _writeQueue?: unknown } };

export function writeToPty(pty: IPty, data: Buffer): void {
  const p = pty as unknown as PtyInternals;
  const queue = p._writeStream?._writeQueue;
  let rest = data;
  if (typeof p.fd === "number" && Array.isArray(queue) && queue.length === 0) {
    try {
      rest = data.subarray(fs.writeSync(p.fd, data));
    } catch {
      // EAGAIN (full) or a pty that is going away: node-pty waits or reports it.
    }
  }
  if (rest.length > 0) pty.write(rest);
}
