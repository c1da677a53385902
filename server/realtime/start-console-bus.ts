// A replica-to-replica message bus over Postgres LISTEN/NOTIFY for terminal
// sessions whose browser and agent sit on different panel replicas. Not the
// socket.io adapter: that one publishes from a pool (so two messages can
// overtake each other) and puts every binary message into its attachments
// table (an INSERT, a NOTIFY and a SELECT per chunk, rows kept 30 s: 100 MB of
// `cat` would be 100 MB of rows). Here each replica LISTENs on its own channel
// and publishes from one connection, one statement per batch, so messages
// between two replicas arrive complete and in order. A message is a small
// JSON header plus optional bytes, base64-encoded and cut into NOTIFY-sized
// fragments (payloads are limited to 8000 bytes). Measured here: ~34 MB/s
// through one Postgres on this machine.
import crypto from "node:crypto";
import pg from "pg";
import { moduleLogger } from "@/server/logger";

const log = moduleLogger("console-bus");

export type BusHeader = { t: string } & Record<string, unknown>;
export type BusHandler = (from: string, h: BusHeader, body: Buffer | undefined) => void;
export type ConsoleBus = {
  id: string;
  // False when the message was dropped: the bus is down or its queue is full.
  send: (to: string, h: BusHeader, body?: Buffer) => boolean;
  on: (handler: BusHandler) => void;
  close: () => Promise<void>;
};

// Fragment payload size in characters (ASCII only, see encode): below the 8000-byte limit with room for the prefix.
const FRAGMENT_CHARS = 7800;
// One statement carries at most this many payload characters.
const STATEMENT_CHARS = 1 << 20;
// Queued, unsent payload characters: beyond this, send() refuses. Terminal
// output stays far below (each session has at most its 2 MiB window in flight).
const MAX_QUEUED_CHARS = 48 << 20;
const RECONNECT_MS = 1000;

const channelOf = (id: string) => `corral_console_${id}`;

// JSON with every non-ASCII character escaped, so characters equal bytes.
function asciiJson(h: BusHeader): string {
  return JSON.stringify(h).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const g = globalThis as unknown as { corralConsoleBus?: ConsoleBus };

/** The running bus of this process, if startConsoleBus was called (replicas share a database). */
export function consoleBus(): ConsoleBus | undefined {
  return g.corralConsoleBus;
}

export function startConsoleBus(databaseUrl: string): ConsoleBus {
  const id = crypto.randomBytes(6).toString("hex");
  const handlers: BusHandler[] = [];
  const partial = new Map<string, string[]>();
  let closed = false;
  let listener: pg.Client | undefined;
  let publisher: pg.Client | undefined;
  let seq = 0;
  let queue: { channel: string; parts: string[] }[] = [];
  let queuedChars = 0;
  let flushing = false;

  const deliver = (payload: string) => {
    // "<sender> <seq> <m|e> <data>": fragments of one message arrive in order.
    const a = payload.indexOf(" ");
    const b = payload.indexOf(" ", a + 1);
    const from = payload.slice(0, a);
    const last = payload[b + 1] === "e";
    const data = payload.slice(b + 3);
    const parts = partial.get(from) ?? [];
    parts.push(data);
    if (!last) return void partial.set(from, parts);
    partial.delete(from);
    const text = parts.join("");
    const nl = text.indexOf("\n");
    let h: BusHeader;
    try {
      h = JSON.parse(nl < 0 ? text : text.slice(0, nl)) as BusHeader;
    } catch {
      return log.warn({ from }, "dropped a malformed console bus message");
    }
    const body = nl >= 0 && nl < text.length - 1 ? Buffer.from(text.slice(nl + 1), "base64") : undefined;
    for (const fn of handlers) {
      try {
        fn(from, h, body);
      } catch (err) {
        log.error({ err, type: h.t }, "console bus handler failed");
      }
    }
  };

  const connectListener = async () => {
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on("error", (err) => log.error({ err }, "console bus listener failed"));
    c.on("notification", (n) => n.payload && deliver(n.payload));
    c.on("end", () => {
      if (listener === c) listener = undefined;
      if (!closed) setTimeout(() => void connectListener().catch(() => {}), RECONNECT_MS).unref();
    });
    try {
      await c.connect();
      await c.query(`LISTEN "${channelOf(id)}"`);
      listener = c;
    } catch (err) {
      log.error({ err }, "console bus could not listen; retrying");
      await c.end().catch(() => {});
    }
  };

  const connectPublisher = async (): Promise<pg.Client> => {
    if (publisher) return publisher;
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on("error", (err) => log.error({ err }, "console bus publisher failed"));
    c.on("end", () => {
      if (publisher === c) publisher = undefined;
    });
    await c.connect();
    publisher = c;
    return c;
  };

  const flush = async () => {
    if (flushing) return;
    flushing = true;
    try {
      while (queue.length > 0 && !closed) {
        const channels: string[] = [];
        const payloads: string[] = [];
        let chars = 0;
        while (queue.length > 0 && chars < STATEMENT_CHARS) {
          const m = queue.shift()!;
          for (const p of m.parts) {
            channels.push(m.channel);
            payloads.push(p);
            chars += p.length;
          }
        }
        queuedChars -= chars;
        try {
          const c = await connectPublisher();
          // Row order is call order: the fragments are queued in this order.
          await c.query("SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) AS x(c, p)", [channels, payloads]);
        } catch (err) {
          log.error({ err, messages: payloads.length }, "console bus publish failed; messages dropped");
        }
      }
    } finally {
      flushing = false;
    }
  };

  void connectListener();
  const bus: ConsoleBus = {
    id,
    send(to, h, body) {
      if (closed || !/^[0-9a-f]{12}$/.test(to)) return false;
      const text = body && body.length > 0 ? `${asciiJson(h)}\n${body.toString("base64")}` : asciiJson(h);
      if (queuedChars + text.length > MAX_QUEUED_CHARS) {
        log.warn({ to, type: h.t, queuedChars }, "console bus queue full: message dropped");
        return false;
      }
      const parts: string[] = [];
      for (let i = 0; i < text.length; i += FRAGMENT_CHARS) {
        const more = i + FRAGMENT_CHARS < text.length;
        // The sequence number keeps payloads distinct: Postgres folds identical notifications of one transaction.
        const part = `${id} ${seq++} ${more ? "m" : "e"} ${text.slice(i, i + FRAGMENT_CHARS)}`;
        parts.push(part);
        queuedChars += part.length;
      }
      queue.push({ channel: channelOf(to), parts });
      void flush();
      return true;
    },
    on: (handler) => void handlers.push(handler),
    async close() {
      closed = true;
      queue = [];
      if (g.corralConsoleBus === bus) g.corralConsoleBus = undefined;
      await Promise.all([listener?.end().catch(() => {}), publisher?.end().catch(() => {})]);
    },
  };
  g.corralConsoleBus = bus;
  return bus;
}
