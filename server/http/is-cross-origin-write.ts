// Refuses state-changing requests sent by a page on another site, for route
// handlers and server actions alike (SameSite=Lax is the second line). Scripts
// with bearer tokens send no Origin and pass; browsers always send one on POST.
import type http from "node:http";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossOriginWrite(req: http.IncomingMessage, publicUrl: string): boolean {
  if (SAFE.has(req.method ?? "GET")) return false;
  if (req.headers["sec-fetch-site"] === "cross-site") return true;
  const origin = req.headers.origin;
  if (!origin) return false;
  if (origin === new URL(publicUrl).origin) return false;
  // The panel reached as http://localhost:PORT while the public URL names another host is still the same page.
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}
