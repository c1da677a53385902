// A /console socket as a browser opens it: session cookie, Origin, a one-time
// ticket. Collects output and status messages, and acknowledges drawn bytes
// (flow control) unless told not to.
import { io, type Socket } from "socket.io-client";
import type { ConsoleStatus } from "@/server/realtime/console-control";
import { baseUrl } from "./api-client";

export type Term = {
  socket: Socket;
  output: () => string;
  received: () => number;
  statuses: ConsoleStatus[];
  connectError?: string;
  waitFor: (what: string | RegExp, timeoutMs?: number) => Promise<string>;
  waitStatus: <T extends ConsoleStatus["type"]>(type: T, timeoutMs?: number) => Promise<Extract<ConsoleStatus, { type: T }>>;
  waitDisconnect: (timeoutMs?: number) => Promise<void>;
  // As the browser types: a string (use-console-socket.ts).
  type: (text: string) => void;
  // Raw bytes, the other input form the panel takes.
  typeBytes: (bytes: Buffer) => void;
  control: (msg: unknown) => Promise<unknown>;
  ackAll: () => void;
  close: () => void;
};

const open: Socket[] = [];
export function closeAllTerms() {
  for (const s of open.splice(0)) s.close();
}

export async function openTerm(o: { cookie: string; ctId: string; kind: "console" | "shell"; ticket: string; session?: string; idleSeconds?: number; cols?: number; rows?: number; autoAck?: boolean; origin?: string; auth?: Record<string, unknown> }): Promise<Term> {
  const socket = io(`${baseUrl()}/console`, {
    transports: ["websocket"],
    reconnection: false,
    timeout: 10_000,
    extraHeaders: { origin: o.origin ?? baseUrl(), cookie: o.cookie },
    auth: o.auth ?? { ticket: o.ticket, ctId: o.ctId, kind: o.kind, session: o.session, idleSeconds: o.idleSeconds, cols: o.cols ?? 80, rows: o.rows ?? 24 },
  });
  open.push(socket);
  const chunks: Buffer[] = [];
  let text = "";
  let received = 0;
  let unacked = 0;
  const statuses: ConsoleStatus[] = [];
  const waiters = new Set<() => void>();
  const poke = () => waiters.forEach((w) => w());
  socket.on("data", (d: Buffer) => {
    chunks.push(d);
    text += d.toString("utf8");
    received += d.length;
    if (o.autoAck ?? true) socket.emit("control", { type: "ack", bytes: d.length });
    else unacked += d.length;
    poke();
  });
  socket.on("status", (s: ConsoleStatus) => {
    statuses.push(s);
    poke();
  });
  socket.on("disconnect", poke);
  const until = <T>(what: string, check: () => T | undefined, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const done = () => {
        const v = check();
        if (v === undefined) return;
        clearTimeout(t);
        waiters.delete(done);
        resolve(v);
      };
      const t = setTimeout(() => {
        waiters.delete(done);
        reject(new Error(`timed out waiting for ${what}; output so far: ${JSON.stringify(text.slice(-500))}; statuses: ${JSON.stringify(statuses)}`));
      }, timeoutMs);
      waiters.add(done);
      done();
    });
  const term: Term = {
    socket,
    output: () => text,
    received: () => received,
    statuses,
    waitFor: (what, timeoutMs = 10_000) =>
      until(String(what), () => {
        const m = typeof what === "string" ? (text.includes(what) ? what : undefined) : text.match(what)?.[0];
        return m;
      }, timeoutMs),
    waitStatus: (type, timeoutMs = 15_000) => until(`status ${type}`, () => statuses.find((s) => s.type === type) as never, timeoutMs),
    waitDisconnect: (timeoutMs = 10_000) => until("disconnect", () => (socket.disconnected ? true : undefined), timeoutMs).then(() => {}),
    type: (t) => socket.emit("data", t),
    typeBytes: (b) => socket.emit("data", b),
    control: (msg) => socket.timeout(5000).emitWithAck("control", msg),
    ackAll: () => {
      socket.emit("control", { type: "ack", bytes: unacked });
      unacked = 0;
    },
    close: () => socket.close(),
  };
  await new Promise<void>((resolve) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => {
      term.connectError = err.message;
      resolve();
    });
  });
  return term;
}
