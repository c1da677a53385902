import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error";
import { runCorralctl, type CorralctlError } from "@/server/agent/run-corralctl";

// A stand-in binary that answers like corralctl: argv echoed as JSON, or the
// JSON error line with a vzctl exit code.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corralctl-stub-"));
const bin = path.join(dir, "corralctl");
fs.writeFileSync(
  bin,
  `#!/bin/sh
case "$5" in
  running) echo 'progress line' >&2; echo '{"error":{"code":"running","errno":0,"message":"CT 101 is running"}}' >&2; exit 32 ;;
  garbage) echo 'not json'; exit 0 ;;
  *) printf '{"argv":"%s"}\\n' "$*" ;;
esac
`,
  { mode: 0o755 },
);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("runCorralctl", () => {
  it("passes -j and --root first and parses JSON stdout; argv is never a shell string", async () => {
    const out = await runCorralctl<{ argv: string }>(["status", "101; rm -rf /"], { bin, root: "/tmp/r" });
    expect(out.argv).toBe("-j --root /tmp/r status 101; rm -rf /");
  });

  it("turns the JSON error line and exit code into an AppError with the native message as detail", async () => {
    const lines: string[] = [];
    const err = (await runCorralctl(["destroy", "running"], { bin, root: "/tmp/r", onProgress: (l) => lines.push(l) }).catch((e) => e)) as CorralctlError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("conflict");
    expect(err.message).toBe("The CT is running. Stop it first.");
    expect(err.opts.detail).toBe("CT 101 is running");
    expect(err.exitCode).toBe(32);
    expect(err.nativeCode).toBe("running");
    expect(lines).toEqual(["progress line"]);
  });

  it("refuses stdout that is not JSON, and a missing binary, with clear errors", async () => {
    await expect(runCorralctl(["x", "garbage"], { bin, root: "/tmp/r" })).rejects.toThrow(/does not understand/);
    await expect(runCorralctl(["list"], { bin: "/nonexistent/corralctl", root: "/tmp/r" })).rejects.toThrow(/not installed/);
  });
});
