// Agent side of a root password reset: corralctl reads USER:PASS from stdin
// (`--userpasswd -`), so the password is in no argv, no task journal and no log.
import { z } from "zod";
import { runCorralctl, type CorralctlOptions } from "@/server/agent/run-corralctl";

export const SetPasswordMessage = z.strictObject({
  ctid: z.number().int().min(101).max(2_147_483_644),
  user: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/),
  password: z.string().min(1).max(256).regex(/^[^\r\n]*$/),
});
export type SetPasswordMessage = z.infer<typeof SetPasswordMessage>;

export async function setCtPassword(m: SetPasswordMessage, ctl: CorralctlOptions): Promise<{ ok: true }> {
  await runCorralctl(["set", String(m.ctid), "--userpasswd", "-"], { ...ctl, stdin: `${m.user}:${m.password}\n`, timeoutMs: 60_000 });
  return { ok: true };
}
