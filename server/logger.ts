// Structured logs (pino). One root logger; modules take a child with their name.
import pino from "pino";

const globalForLogger = globalThis as unknown as { corralLogger?: pino.Logger };

export const logger: pino.Logger = (globalForLogger.corralLogger ??= pino({
  level: process.env.LOG_LEVEL || "info",
  base: { service: "corral" },
  // Never log secrets, even if a caller passes them by mistake.
  redact: { paths: ["password", "*.password", "token", "*.token", "ticket", "*.ticket", "headers.cookie"], censor: "[redacted]" },
}));

export function moduleLogger(module: string): pino.Logger {
  return logger.child({ module });
}
