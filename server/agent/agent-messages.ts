// The /agents wire protocol, shared by the panel and the node agent. Every
// message crossing the socket is parsed with these schemas on the receiving
// side; anything that does not parse is logged and refused, never acted on.
import { z } from "zod";

const ctid = z.number().int().min(1).max(2_147_483_647);
const taskId = z.string().min(1).max(64);
const shortText = z.string().max(4096);

// What corralctl can be asked to do for a task. The agent builds the argv from
// these fields itself, so the panel can never smuggle an option or a path in.
export const TaskSpec = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("create"),
    ctid,
    ostemplate: z.string().regex(/^[\w.-]{1,64}$/),
    hostname: z.string().max(253).optional(),
    ipAddresses: z.array(z.string().max(64)).max(64).default([]),
    nameservers: z.array(z.string().max(64)).max(8).default([]),
    ramBytes: z.number().int().nonnegative().optional(),
    swapBytes: z.number().int().nonnegative().optional(),
    diskBytes: z.number().int().nonnegative().optional(),
    start: z.boolean().default(false),
  }),
  z.object({ kind: z.enum(["start", "destroy", "suspend", "resume"]), ctid }),
  z.object({ kind: z.enum(["stop", "restart"]), ctid, fast: z.boolean().default(false), timeoutSeconds: z.number().int().min(1).max(3600).optional() }),
  z.object({ kind: z.literal("reinstall"), ctid, ostemplate: z.string().regex(/^[\w.-]{1,64}$/).optional() }),
  z.object({
    kind: z.literal("set"),
    ctid,
    hostname: z.string().max(253).optional(),
    ipAdd: z.array(z.string().max(64)).max(64).default([]),
    ipDel: z.array(z.string().max(64)).max(64).default([]),
    nameservers: z.array(z.string().max(64)).max(8).default([]),
  }),
  z.object({ kind: z.literal("template-build"), name: z.enum(["busybox", "debian-12"]) }),
]);
export type TaskSpec = z.infer<typeof TaskSpec>;

export const TaskRunMessage = z.object({ taskId, spec: TaskSpec });
export type TaskRunMessage = z.infer<typeof TaskRunMessage>;

// One row of `corralctl list -a -j` (only the fields the panel uses), plus the
// init PID and reboot counter from `status -j` for running CTs.
export const CtRow = z.object({
  ctid,
  status: z.enum(["running", "stopped", "mounted", "suspended"]),
  hostname: z.string().max(253).nullable().optional(),
  ostemplate: z.string().max(64).nullable().optional(),
  ip: z.array(z.string().max(64)).max(64).default([]),
  onboot: z.boolean().optional(),
  stop_reason: shortText.nullable().optional(),
  init_pid: z.number().int().positive().optional(),
});
export type CtRow = z.infer<typeof CtRow>;

export const TaskOutcome = z.object({
  taskId,
  ok: z.boolean(),
  result: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ code: z.string().max(64), message: shortText, detail: shortText.optional() }).optional(),
  // The CT as the node sees it right after the task, so the panel's state follows.
  ct: CtRow.nullable().optional(),
  finishedAt: z.string().max(40),
});
export type TaskOutcome = z.infer<typeof TaskOutcome>;

export const HelloMessage = z.object({
  agentVersion: z.string().max(64),
  kernel: z.string().max(256),
  cgroupMode: z.enum(["v1", "v2"]),
  cpus: z.number().int().positive(),
  ramBytes: z.number().int().nonnegative(),
  diskBytes: z.number().int().nonnegative(),
  bootId: z.string().max(64),
  runningTasks: z.array(taskId).max(10_000),
  finishedTasks: z.array(TaskOutcome).max(10_000),
  // Protocol features this agent supports (console-wire-chunk.ts); absent from older agents.
  features: z.array(z.string().max(64)).max(64).optional(),
});
export type HelloMessage = z.infer<typeof HelloMessage>;

export const TaskProgressMessage = z.object({
  taskId,
  progress: z.number().int().min(0).max(100).optional(),
  log: z.string().max(2000).optional(),
});
export type TaskProgressMessage = z.infer<typeof TaskProgressMessage>;

// listedAt: when the agent started listing (its clock, as a task's finishedAt):
// a report listed before a CT's last task finished is stale for that CT.
export const CtStatesMessage = z.object({ cts: z.array(CtRow).max(100_000), listedAt: z.number().int().nonnegative().optional() });
export type CtStatesMessage = z.infer<typeof CtStatesMessage>;

export const CtFlaggedMessage = z.object({ ctid, reason: z.string().max(400) });
export type CtFlaggedMessage = z.infer<typeof CtFlaggedMessage>;

// Cold migration primitives, called by the panel with acknowledgements.
export const MigrateOp = z.discriminatedUnion("op", [
  z.object({ op: z.literal("export-open"), transferId: taskId, ctid }),
  z.object({ op: z.literal("export-read"), transferId: taskId, offset: z.number().int().nonnegative(), length: z.number().int().min(1).max(1_048_576) }),
  z.object({ op: z.literal("import-open"), transferId: taskId, ctid, size: z.number().int().nonnegative(), sourceUidBase: z.number().int().nonnegative(), layout: z.string().max(16) }),
  z.object({ op: z.literal("import-write"), transferId: taskId, offset: z.number().int().nonnegative(), data: z.instanceof(Buffer) }),
  z.object({ op: z.literal("import-commit"), transferId: taskId, ctid, sourceUidBase: z.number().int().nonnegative() }),
  z.object({ op: z.literal("import-abort"), transferId: taskId, ctid }),
  z.object({ op: z.literal("transfer-close"), transferId: taskId }),
  z.object({ op: z.literal("ct"), ctid }),
  // One corralctl step run synchronously, for the migration's stop/start/destroy.
  z.object({ op: z.literal("run"), spec: TaskSpec }),
]);
export type MigrateOp = z.infer<typeof MigrateOp>;

// What every acknowledgement carries: a result or the one error shape.
export type AckReply<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; detail?: string } };
