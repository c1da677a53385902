// Control messages a browser sends on the /console namespace, next to the
// `data` event. Small JSON, capped in size (incus caps its control
// channel too) and parsed with zod; anything else is refused and logged.
import { z } from "zod";

export const CONSOLE_CONTROL_MAX_BYTES = 1024;

export const ConsoleControl = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("resize"), cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) }),
  // Flow control: the browser has drawn this many more bytes.
  z.strictObject({ type: z.literal("ack"), bytes: z.number().int().min(0).max(1 << 30) }),
  z.strictObject({ type: z.literal("detach") }),
  // The customer lets support staff type (or takes it back).
  z.strictObject({ type: z.literal("handover"), allow: z.boolean() }),
  // The key bar's Ctrl-Alt-Del: reboots the CT, like the key on a real console.
  z.strictObject({ type: z.literal("ctrl-alt-del") }),
]);
export type ConsoleControl = z.infer<typeof ConsoleControl>;

// What the server tells a browser on the `status` event.
export type ConsoleViewer = { name: string; email: string; role: string; kind: "console" | "shell"; readOnly: boolean; reason: string | null };
export type ConsoleStatus =
  | { type: "attached"; kind: "console" | "shell"; readOnly: boolean; token?: string; created: boolean }
  | { type: "viewers"; viewers: ConsoleViewer[]; handover: boolean }
  | { type: "ended"; reason: string }
  | { type: "refused"; message: string };
