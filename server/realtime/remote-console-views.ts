// The browser side's state of consoles whose agent is on another replica:
// open requests waiting for that replica's answer, and the viewers it sends
// bytes to, by browser socket id. On globalThis like the relays.
import type { AckReply } from "@/server/agent/agent-messages";
import type { ConsoleOpenReply } from "@/server/agent/console-messages";
import type { RelayViewer } from "@/server/realtime/console-relays";

export type RemoteView = { sessionId: string; replica: string; viewer: RelayViewer };
export type PendingOpen = { replica: string; key: string; sessionId: string; settle: (r: AckReply<ConsoleOpenReply>) => void; attach: (reply: ConsoleOpenReply) => RelayViewer | undefined };
export type RemoteConsoleViews = {
  pending: Map<string, PendingOpen>;
  views: Map<string, RemoteView>;
  // When each replica last answered our liveness message.
  lastHeard: Map<string, number>;
};

const g = globalThis as unknown as { corralRemoteConsoleViews?: RemoteConsoleViews };

export function remoteConsoleViews(): RemoteConsoleViews {
  return (g.corralRemoteConsoleViews ??= { pending: new Map(), views: new Map(), lastHeard: new Map() });
}
