// Stamps the peer's address on every request in a header only this server sets.
// better-auth (login throttling) and the audit trail read it; without it they
// saw no client IP at all behind the custom server, and better-auth then put
// every caller in one shared rate-limit bucket. A client-sent copy is replaced.
// Behind a reverse proxy, the proxy's address is what is seen here.
import type http from "node:http";
import { CLIENT_IP_HEADER } from "@/server/access/client-ip";

export function stampClientIp(req: http.IncomingMessage): void {
  const peer = req.socket.remoteAddress ?? "";
  req.headers[CLIENT_IP_HEADER] = peer.startsWith("::ffff:") ? peer.slice(7) : peer;
}
