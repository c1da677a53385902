import { describe, expect, it } from "vitest";
import { hostAddresses } from "@/server/nodes/ensure-local-pool";

describe("hostAddresses", () => {
  it("skips network, broadcast and the gateway", () => {
    const { gateway, addresses } = hostAddresses("10.77.0.0/24");
    expect(gateway).toBe("10.77.0.1");
    expect(addresses[0]).toBe("10.77.0.2");
    expect(addresses.at(-1)).toBe("10.77.0.254");
    expect(addresses).toHaveLength(253);
  });

  it("honours an explicit gateway and normalises the network", () => {
    const { gateway, addresses } = hostAddresses("192.0.2.77/29", "192.0.2.78");
    expect(gateway).toBe("192.0.2.78");
    expect(addresses).toEqual(["192.0.2.73", "192.0.2.74", "192.0.2.75", "192.0.2.76", "192.0.2.77"]);
  });

  it.each(["10.0.0.0", "10.0.0.0/31", "nonsense/24"])("refuses %s", (cidr) => {
    expect(() => hostAddresses(cidr)).toThrow(/SUBNET/);
  });
});
