// `ct:changes`: the agent's CT rows that changed since its last report and
// the CTIDs that went away. Between full `ct:states` lists (sent on connect,
// after a crash-loop stop and at least every 30 s) the agent sends only this,
// so a node whose 500 CTs keep their states costs the panel nothing per pass.
// A panel that does not know the event ignores it and still gets the lists.
import { z } from "zod";
import { CtRow } from "@/server/agent/agent-messages";

export const CtChangesMessage = z.object({
  cts: z.array(CtRow).max(100_000),
  gone: z.array(z.number().int().min(1).max(2_147_483_647)).max(100_000),
  listedAt: z.number().int().nonnegative().optional(),
});
export type CtChangesMessage = z.infer<typeof CtChangesMessage>;
