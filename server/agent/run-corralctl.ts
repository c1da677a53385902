// The agent's only way to run corralctl: execFile with an argv array (never a
// shell), `-j` for JSON on stdout, and the JSON error line on stderr turned
// into an AppError. Non-JSON stderr lines are corralctl's progress text.
import { execFile } from "node:child_process";
import { AppError, type ErrorCode } from "@/server/errors/app-error";

export type CorralctlOptions = {
  bin: string;
  root: string;
  timeoutMs?: number;
  onProgress?: (line: string) => void;
  /** Written to corralctl's stdin (secrets go here, never into the world-readable argv). */
  stdin?: string;
};

// vzctl-style exit codes (native/README.md) mapped to the panel's error codes.
const EXIT_CODES: Record<number, { code: ErrorCode; message: string }> = {
  9: { code: "conflict", message: "The CT is locked by another operation. Try again shortly." },
  20: { code: "bad_request", message: "The node refused an argument of this operation." },
  21: { code: "bad_request", message: "The node refused a value of this operation." },
  31: { code: "conflict", message: "The CT is not running. Start it first." },
  32: { code: "conflict", message: "The CT is running. Stop it first." },
  44: { code: "conflict", message: "A CT with this number already exists on the node." },
  91: { code: "not_found", message: "The OS template is not available on this node." },
};

export type CorralctlError = AppError & { exitCode?: number; nativeCode?: string };

function errorFrom(exitCode: number | null, stderr: string, argv: string[]): CorralctlError {
  let native: { code?: string; errno?: number; message?: string } | undefined;
  for (const line of stderr.split("\n").reverse()) {
    if (!line.startsWith("{")) continue;
    try {
      native = (JSON.parse(line) as { error?: typeof native }).error;
      if (native) break;
    } catch {
      // Not our JSON line; keep looking.
    }
  }
  const known = exitCode !== null ? EXIT_CODES[exitCode] : undefined;
  const detail = native?.message ?? (stderr.trim().slice(-500) || `corralctl ${argv.join(" ")} exited with ${exitCode}`);
  const err = new AppError(known?.code ?? "internal", known?.message ?? "The node could not complete the operation.", { detail }) as CorralctlError;
  err.exitCode = exitCode ?? undefined;
  err.nativeCode = native?.code;
  return err;
}

/** Runs `corralctl -j --root ROOT ...argv` and returns its parsed JSON stdout (or null when it printed none). */
export function runCorralctl<T = unknown>(argv: string[], opts: CorralctlOptions): Promise<T> {
  const full = ["-j", "--root", opts.root, ...argv];
  return new Promise((resolve, reject) => {
    const child = execFile(
      opts.bin,
      full,
      { timeout: opts.timeoutMs ?? 10 * 60_000, maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", CORRAL_ROOT: opts.root } as unknown as NodeJS.ProcessEnv, encoding: "utf8" },
      (err, stdout, stderr) => {
        if (err) {
          const code = typeof err.code === "number" ? err.code : null;
          if (err.killed) return reject(new AppError("unavailable", "The node took too long for this operation.", { detail: `corralctl ${argv[0]} timed out` }));
          if (err.code === "ENOENT") return reject(new AppError("unavailable", "corralctl is not installed on this node.", { detail: `${opts.bin} not found` }));
          return reject(errorFrom(code, stderr, argv));
        }
        const text = stdout.trim();
        if (!text) return resolve(null as T);
        try {
          resolve(JSON.parse(text) as T);
        } catch {
          reject(new AppError("internal", "The node answered in a form the panel does not understand.", { detail: `corralctl ${argv[0]}: stdout is not JSON` }));
        }
      },
    );
    // A command that exits without reading its stdin makes this write fail
    // with EPIPE; unhandled, that error would kill the whole agent.
    child.stdin?.on("error", () => {});
    child.stdin?.end(opts.stdin ?? "");
    if (opts.onProgress) {
      let buf = "";
      child.stderr?.on("data", (d: Buffer) => {
        buf += d.toString();
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line && !line.startsWith("{")) opts.onProgress!(line);
        }
      });
    }
  });
}
