import { describe, expect, it } from "vitest";
import { formatIp, parseCidr, parseIp } from "@/server/ip-pools/ip-math";

describe("ip-math", () => {
  it.each([
    ["10.0.0.1", 4, 0x0a000001n],
    ["255.255.255.255", 4, 0xffffffffn],
    ["2001:db8::1", 6, 0x20010db8000000000000000000000001n],
    ["::", 6, 0n],
  ])("parses %s", (text, family, value) => {
    expect(parseIp(text)).toEqual({ family, value });
  });

  it.each(["10.0.0", "10.0.0.256", "2001:db8::g", "fe80::1%eth0", "::ffff:1.2.3.4", ""])("refuses %j", (text) => {
    expect(parseIp(text)).toBeNull();
  });

  it("formats IPv6 the RFC 5952 way and round-trips", () => {
    for (const s of ["2001:db8::1", "::", "::1", "2001:db8:0:1:0:0:0:1".replace(/:0:0:0:/, "::"), "fe80::1:2"]) expect(formatIp(6, parseIp(s)!.value)).toBe(s);
    expect(formatIp(6, parseIp("2001:0db8:0000:0000:0001:0000:0000:0001")!.value)).toBe("2001:db8::1:0:0:1");
    expect(formatIp(4, parseIp("192.0.2.10")!.value)).toBe("192.0.2.10");
  });

  it("normalizes a network to its first address and knows its last", () => {
    expect(parseCidr("10.77.0.9/24")).toEqual({ family: 4, first: 0x0a4d0000n, last: 0x0a4d00ffn, prefix: 24 });
    const v6 = parseCidr("2001:db8::/64")!;
    expect(v6.last - v6.first + 1n).toBe(2n ** 64n);
    expect(parseCidr("10.0.0.0/33")).toBeNull();
    expect(parseCidr("10.0.0.0")).toBeNull();
  });
});
