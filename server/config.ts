// Environment parsed once with a schema. A bad value stops the start with one
// line naming the variable and what it expected (see formatConfigError).
import { z } from "zod";

const port = z.coerce.number().int().min(1).max(65535);

const postgresUrl = z
  .string()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "postgresql:" || u.protocol === "postgres:") && u.hostname !== "" && u.pathname.length > 1;
    } catch {
      return false;
    }
  }, "a postgresql://user@host:port/database URL");

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: port.default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATABASE_URL: postgresUrl.optional(),
    CORRAL_STATE_DIR: z.string().startsWith("/", "an absolute path").default("/var/lib/corral/panel"),
    CORRAL_ROOT: z.string().startsWith("/", "an absolute path").default("/var/lib/corral"),
    CORRAL_PUBLIC_URL: z.url({ protocol: /^https?$/, error: "an http(s) URL" }).optional(),
    CORRAL_SECRET: z.string().min(32, "at least 32 characters").optional(),
    CORRAL_ADMIN_EMAIL: z.email("an email address").optional(),
    CORRAL_ADMIN_PASSWORD: z.string().min(10, "at least 10 characters").optional(),
    CORRAL_EMBEDDED_PG_PORT: port.default(54329),
    CORRALCTL: z.string().startsWith("/", "an absolute path").optional(),
    // "off" when this machine is not a node, or its agent is run by hand / systemd.
    CORRAL_LOCAL_AGENT: z.enum(["on", "off"], "on or off").default("on"),
    // "off" on replicas that should serve only (tasks then run on the others).
    CORRAL_TASK_RUNNER: z.enum(["on", "off"], "on or off").default("on"),
    // Sign-in attempts per minute from one client IP (per-account limits are separate).
    CORRAL_LOGIN_IP_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
    // A shell session with no viewer ends after this long (browser consoles).
    CORRAL_CONSOLE_IDLE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    // Provider policy: "on" lets support staff type into a console without the customer handing over.
    CORRAL_SUPPORT_CONSOLE_WRITE: z.enum(["on", "off"], "on or off").default("off"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((c, ctx) => {
    if (!!c.CORRAL_ADMIN_EMAIL !== !!c.CORRAL_ADMIN_PASSWORD) {
      ctx.addIssue({
        code: "custom",
        path: [c.CORRAL_ADMIN_EMAIL ? "CORRAL_ADMIN_PASSWORD" : "CORRAL_ADMIN_EMAIL"],
        message: "set together with the other CORRAL_ADMIN_* variable",
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema> & { publicUrl: string };

export class ConfigError extends Error {}

// Empty strings count as unset, so `DATABASE_URL= npm start` means "embedded".
function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = ConfigSchema.safeParse(cleanEnv(env));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const got = env[name];
    const shown = got === undefined ? "it is missing" : name.includes("PASSWORD") || name.includes("SECRET") ? "got a value that is not" : `got \`${got}\``;
    throw new ConfigError(`${name}: expected ${issue.message.replace(/^Invalid input: expected /, "")}; ${shown}`);
  }
  const c = result.data;
  return { ...c, publicUrl: c.CORRAL_PUBLIC_URL ?? `http://localhost:${c.PORT}` };
}

const globalForConfig = globalThis as unknown as { corralConfig?: Config };

// The custom server and Next's bundled route code are separate module graphs in
// one process; globalThis makes them share the one parsed config.
export function getConfig(): Config {
  globalForConfig.corralConfig ??= parseConfig();
  return globalForConfig.corralConfig;
}
