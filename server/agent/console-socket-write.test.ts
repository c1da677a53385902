import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeToSocket } from "@/server/agent/console-socket-write";

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

// A connected unix socket pair: `writer` is the side written with writeToSocket.
async function pair() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "corral-sockwrite-"));
  const file = path.join(dir, "s");
  const accepted = new Promise<net.Socket>((resolve) => {
    const server = net.createServer((s) => {
      server.close();
      resolve(s);
    });
    server.listen(file);
  });
  const writer = net.connect(file);
  await new Promise<void>((r) => writer.once("connect", () => r()));
  return { writer, reader: await accepted };
}

describe("writeToSocket", () => {
  it("delivers every byte in order while the socket is idle, full and draining", async () => {
    const { writer, reader } = await pair();
    reader.pause(); // nothing is read: the kernel buffer fills and the stream queues
    const parts: Buffer[] = [Buffer.from("first;")];
    parts.push(Buffer.alloc(4 * 1024 * 1024, "x")); // more than a unix socket buffers
    for (let i = 0; i < 500; i++) parts.push(Buffer.from(`${i};`));
    for (const p of parts) writeToSocket(writer, p);
    expect(writer.writableLength).toBeGreaterThan(0); // the rest waits in the stream
    const got: Buffer[] = [];
    reader.on("data", (d: Buffer) => got.push(d));
    reader.resume();
    const expected = Buffer.concat(parts);
    await new Promise<void>((resolve) => {
      const check = () => (Buffer.concat(got).length >= expected.length ? resolve() : setTimeout(check, 5));
      check();
    });
    // Once drained, a keystroke goes straight out again.
    await new Promise<void>((r) => (writer.writableLength === 0 ? r() : writer.once("drain", () => r())));
    writeToSocket(writer, Buffer.from("key"));
    await new Promise<void>((r) => setTimeout(r, 50));
    expect(Buffer.concat(got).equals(Buffer.concat([expected, Buffer.from("key")]))).toBe(true);
    writer.destroy();
    reader.destroy();
  });

  it("never overtakes bytes the stream still holds", async () => {
    const { writer, reader } = await pair();
    const got: Buffer[] = [];
    reader.on("data", (d: Buffer) => got.push(d));
    writer.cork(); // the kernel has room, but the stream holds "A"
    writer.write("A");
    writeToSocket(writer, Buffer.from("B"));
    writer.uncork();
    writeToSocket(writer, Buffer.from("C"));
    await new Promise<void>((r) => setTimeout(r, 50));
    expect(Buffer.concat(got).toString()).toBe("ABC");
    writer.destroy();
    reader.destroy();
  });

  it("never throws on a peer that went away: the stream ends the socket", async () => {
    const { writer, reader } = await pair();
    writer.on("error", () => {}); // EPIPE or a reset, whichever the stream sees first
    const closed = new Promise<void>((r) => writer.once("close", () => r()));
    reader.destroy();
    await new Promise<void>((r) => setTimeout(r, 20));
    expect(() => {
      writeToSocket(writer, Buffer.from("a"));
      writeToSocket(writer, Buffer.from("b"));
    }).not.toThrow();
    await closed;
    expect(writer.destroyed).toBe(true);
  });
});
