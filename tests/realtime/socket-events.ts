// Every socket.io namespace and the browser events that reach tenant data, for
// the socket part of the authorization matrix. A namespace registered in
// server/realtime without an entry here fails the matrix test.
export type SocketVictim = { ctId: string };

export type SocketEvent = { event: string; payload: (v: SocketVictim) => unknown };

export const SOCKET_NAMESPACES: Record<string, { events: SocketEvent[] }> = {
  "/": { events: [] }, // whoami: the caller's own identity only
  "/metrics": { events: [{ event: "control", payload: (v) => ({ op: "join", ctIds: [v.ctId] }) }] },
  "/tasks": { events: [] }, // rooms are chosen by the server from the caller's tenant
  "/console": { events: [] }, // needs a one-time ticket from openConsoleTicket (in the action matrix)
  "/agents": { events: [] }, // node agents with node tokens, never browsers
};
