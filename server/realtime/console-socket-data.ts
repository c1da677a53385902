// What a /console socket carries once its handshake passed (socket.data).
import type { Actor } from "@/server/access/actor";
import type { AuthedSocketData } from "@/server/realtime/socket-auth";

export type ConsoleSocketData = AuthedSocketData & {
  console: {
    actor: Actor & { kind: "user" };
    ct: { id: string; ctid: number; nodeId: string; tenantId: string; hostname: string };
    kind: "console" | "shell";
    reason: string | null;
    reconnectToken?: string;
    cols: number;
    rows: number;
    idleMs: number;
  };
};
