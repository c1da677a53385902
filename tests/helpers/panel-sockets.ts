// Browser-side sockets against a panel started by a test (panel-fixture.ts):
// a session cookie from a real sign-in and a /console socket that collects
// output and statuses and acknowledges what it received, as the terminal
// component does. For panels at other URLs than CORRAL_TEST_URL
// (console-client.ts serves that one).
import { io as connect, type Socket } from "socket.io-client";
import type { ConsoleStatus } from "@/server/realtime/console-control";
import { waitFor } from "./node-sim";

export async function logIn(url: string, email: string, password: string) {
  const res = await fetch(`${url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

export async function openTerminal(url: string, cookie: string, auth: Record<string, unknown>, sockets: Socket[]) {
  const socket = connect(`${url}/console`, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: url }, auth: { cols: 80, rows: 24, ...auth } });
  sockets.push(socket);
  let text = "";
  const statuses: ConsoleStatus[] = [];
  socket.on("data", (d: Buffer) => {
    text += d.toString("utf8");
    socket.emit("control", { type: "ack", bytes: d.length });
  });
  socket.on("status", (st: ConsoleStatus) => statuses.push(st));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return {
    socket,
    statuses,
    output: () => text,
    // As the browser types: a string (use-console-socket.ts).
    type: (t: string) => socket.emit("data", t),
    waitFor: (what: string | RegExp, timeoutMs = 15_000) =>
      waitFor(`terminal output ${String(what)}`, () => (typeof what === "string" ? text.includes(what) : what.test(text)) || null, timeoutMs, 50).catch((err: Error) => {
        throw new Error(`${err.message}; output so far: ${JSON.stringify(text.slice(-300))}; statuses: ${JSON.stringify(statuses).slice(0, 500)}`);
      }),
  };
}
