// Raw HTTP for API tests: a chosen source address on the loopback network (so
// per-IP login limits can be exercised: every 127.x.y.z is this machine), and
// JSON in and out.
import http from "node:http";
import { baseUrl } from "./api-client";

export type HttpResult = { status: number; headers: http.IncomingHttpHeaders; text: string; json: () => unknown };

export function request(method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown; raw?: string; localAddress?: string } = {}): Promise<HttpResult> {
  const url = new URL(path, baseUrl());
  const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: url.port,
        path: url.pathname + url.search,
        method,
        localAddress: opts.localAddress,
        headers: { ...(payload !== undefined ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) } : {}), ...opts.headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** A loopback address no other test uses, so its per-IP counters start at zero. */
export const freshLoopback = () => `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;

/** Logs in from its own loopback address (per-IP limits never interfere) and returns the cookie header. */
export async function logInFresh(email: string, password: string): Promise<string> {
  const res = await request("POST", "/api/auth/sign-in/email", { body: { email, password }, headers: { origin: baseUrl() }, localAddress: freshLoopback() });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  const set = res.headers["set-cookie"] ?? [];
  return set.map((c) => c.split(";")[0]).join("; ");
}
