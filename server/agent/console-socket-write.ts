// Input reaches `corralctl enter`'s output socket with one write() on the
// agent's own thread. Through the net.Socket stream a keystroke costs the
// Writable machinery, a libuv write request and an afterWrite tick before the
// event loop turns: tens of µs of a key's round trip on a busy node. The fd is
// non-blocking, so a direct write never stalls the agent: it is tried only while
// the stream has nothing queued or in flight (bytes stay in order), and
// whatever the kernel does not take (a full socket, an error) goes through the
// stream as before, which queues it or reports the error.
import fs from "node:fs";
import type net from "node:net";

// A connected net.Socket's libuv handle; `fd` is its descriptor on Unix.
type SocketInternals = { _handle?: { fd?: unknown } | null };

export function writeToSocket(sock: net.Socket, data: Buffer): void {
  const fd = (sock as unknown as SocketInternals)._handle?.fd;
  let rest = data;
  if (typeof fd === "number" && fd >= 0 && sock.writable && !sock.connecting && sock.writableLength === 0) {
    try {
      rest = data.subarray(fs.writeSync(fd, data));
    } catch {
      // EAGAIN (full) or a peer that went away: the stream waits or reports it.
    }
  }
  if (rest.length > 0) sock.write(rest);
}
