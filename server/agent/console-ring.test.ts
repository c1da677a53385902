import { describe, expect, it } from "vitest";
import { createConsoleRing } from "@/server/agent/console-ring";

describe("console ring", () => {
  it("keeps the last bytes in order across wraps", () => {
    const r = createConsoleRing(10);
    r.push(Buffer.from("abcdef"));
    r.push(Buffer.from("ghij"));
    expect(r.snapshot().toString()).toBe("abcdefghij");
    r.push(Buffer.from("klm"));
    expect(r.snapshot().toString()).toBe("defghijklm");
    r.push(Buffer.from("0123456789XYZ"));
    expect(r.snapshot().toString()).toBe("3456789XYZ");
    r.push(Buffer.from("!"));
    expect(r.snapshot().toString()).toBe("456789XYZ!");
  });
});
