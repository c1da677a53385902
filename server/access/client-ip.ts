// The caller's IP as stamped by the custom server (server/http/stamp-client-ip.ts).
// Only that header is trusted: a client-sent X-Forwarded-For is ignored.
export const CLIENT_IP_HEADER = "x-corral-client-ip";

export function clientIp(headers: Headers): string | undefined {
  return headers.get(CLIENT_IP_HEADER) ?? undefined;
}
