import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/server/config";

describe("parseConfig", () => {
  it("uses defaults for an empty environment", () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.publicUrl).toBe("http://localhost:3000");
  });

  it("treats an empty DATABASE_URL as unset (embedded Postgres)", () => {
    expect(parseConfig({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: "mysql://x@h/db" }, /^DATABASE_URL: expected a postgresql:\/\/user@host:port\/database URL; got `mysql:\/\/x@h\/db`$/],
    [{ DATABASE_URL: "postgresql://127.0.0.1:5432" }, /^DATABASE_URL: expected a postgresql/],
    [{ PORT: "http" }, /^PORT: expected .*got `http`$/],
    [{ PORT: "70000" }, /^PORT: expected .*got `70000`$/],
    [{ CORRAL_STATE_DIR: "state" }, /^CORRAL_STATE_DIR: expected an absolute path/],
    [{ CORRAL_ADMIN_EMAIL: "a@b.example" }, /^CORRAL_ADMIN_PASSWORD: expected set together/],
    [{ CORRAL_ADMIN_EMAIL: "a@b.example", CORRAL_ADMIN_PASSWORD: "short" }, /^CORRAL_ADMIN_PASSWORD: expected at least 10 characters; got a value that is not$/],
  ])("rejects %o with one line naming the variable", (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it("never echoes a secret back", () => {
    expect(() => parseConfig({ CORRAL_SECRET: "tooshort-secret" })).toThrow(/^CORRAL_SECRET: .*got a value that is not$/);
  });
});
