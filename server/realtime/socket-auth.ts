// Authenticates a socket.io handshake with the panel's session cookie and checks
// its Origin, so a page on another site cannot open a socket with our cookies.
import type { Socket } from "socket.io";
import { getAuth } from "@/server/auth/auth";
import type { SessionUser } from "@/server/auth/get-session";
import { db } from "@/server/db/client";
import { SESSION_ABSOLUTE_MS } from "@/server/auth/session-limits";
import { registerSocket } from "@/server/realtime/socket-registry";

export type AuthedSocketData = { user: SessionUser; sessionId: string };

export function socketAuth(publicUrl: string) {
  const allowedOrigin = new URL(publicUrl).origin;
  return async (socket: Socket, next: (err?: Error) => void) => {
    const origin = socket.handshake.headers.origin;
    // Browsers always send Origin on WebSocket and CORS requests; scripts may omit it.
    if (origin && origin !== allowedOrigin && !isLoopbackSameHost(origin, socket.handshake.headers.host)) {
      return next(new Error("forbidden: origin not allowed"));
    }
    const headers = new Headers();
    if (socket.handshake.headers.cookie) headers.set("cookie", socket.handshake.headers.cookie);
    const session = await getAuth()
      .api.getSession({ headers })
      .catch(() => null);
    if (!session) return next(new Error("unauthorized: log in first"));
    const row = await db().user.findUnique({ where: { id: session.user.id }, select: { disabled: true } });
    const tooOld = Date.now() - new Date(session.session.createdAt).getTime() > SESSION_ABSOLUTE_MS;
    if (!row || row.disabled || tooOld) return next(new Error("unauthorized: log in first"));
    const u = session.user as typeof session.user & { role?: string };
    const data: AuthedSocketData = { user: { id: u.id, email: u.email, name: u.name, role: u.role ?? "member" }, sessionId: session.session.id };
    socket.data = data;
    // Logout and disabling the user close this socket (socket-registry.ts).
    registerSocket(socket, u.id, session.session.id);
    next();
  };
}

// The panel reached as http://localhost:PORT while CORRAL_PUBLIC_URL names another
// host is still the same page: accept an Origin that matches the Host it connected to.
function isLoopbackSameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
