import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { CONSOLE_TEXT_MAX_BYTES, fromWireChunk, toWireChunk } from "@/server/agent/console-wire-chunk";

const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe("console wire chunks", () => {
  it("text only when the other side reads it, and only for small chunks", () => {
    expect(toWireChunk(Buffer.from("a"), false)).toEqual(Buffer.from("a"));
    expect(toWireChunk(Buffer.from("a"), true)).toBe("a");
    expect(typeof toWireChunk(Buffer.alloc(CONSOLE_TEXT_MAX_BYTES, 0x41), true)).toBe("string");
    expect(Buffer.isBuffer(toWireChunk(Buffer.alloc(CONSOLE_TEXT_MAX_BYTES + 1, 0x41), true))).toBe(true);
  });

  it("every byte value survives the text form", () => {
    expect(fromWireChunk(toWireChunk(allBytes, true))).toEqual(allBytes);
    expect(fromWireChunk(toWireChunk(Buffer.from("é€\x1b[0m", "utf8"), true))?.toString("utf8")).toBe("é€\x1b[0m");
  });

  it("refuses what is not terminal bytes, or more than the cap", () => {
    for (const bad of [undefined, null, 42, { data: "a" }, ["a"], "€", "ok\u{1F600}"]) expect(fromWireChunk(bad)).toBeUndefined();
    expect(fromWireChunk("a".repeat(11), 10)).toBeUndefined();
    expect(fromWireChunk(Buffer.alloc(11), 10)).toBeUndefined();
    expect(fromWireChunk("a".repeat(10), 10)).toEqual(Buffer.from("a".repeat(10)));
  });

  it("both forms arrive as the same bytes through socket.io in both directions", async () => {
    const httpServer = http.createServer();
    const ioServer = new Server(httpServer);
    await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    const got: { side: string; bytes: Buffer | undefined; text: boolean }[] = [];
    ioServer.on("connection", (s) => {
      s.on("chunk", (raw: unknown) => {
        got.push({ side: "server", bytes: fromWireChunk(raw), text: typeof raw === "string" });
        s.emit("chunk", toWireChunk(allBytes, true));
        s.emit("chunk", toWireChunk(allBytes, false));
      });
    });
    const client = connect(url, { transports: ["websocket"], reconnection: false });
    try {
      let fromServer = 0;
      const back = new Promise<void>((resolve) => {
        client.on("chunk", (raw: unknown) => {
          got.push({ side: "client", bytes: fromWireChunk(raw), text: typeof raw === "string" });
          if (++fromServer === 4) resolve();
        });
      });
      client.emit("chunk", toWireChunk(allBytes, true));
      await new Promise((r) => client.once("chunk", r));
      client.emit("chunk", toWireChunk(allBytes, false));
      await back;
      expect(got.map((g) => `${g.side}:${g.text ? "text" : "binary"}`).sort()).toEqual(["client:binary", "client:binary", "client:text", "client:text", "server:binary", "server:text"]);
      for (const g of got) expect(g.bytes).toEqual(allBytes);
    } finally {
      client.close();
      await ioServer.close();
    }
  });
});
