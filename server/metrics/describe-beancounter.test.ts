import { describe, expect, it } from "vitest";
import { describeBeancounter, isNearLimit } from "@/server/metrics/describe-beancounter";
import { describeLimitHit } from "@/server/metrics/describe-limit-hit";

const MB512 = (512 * 2 ** 20) / 4096; // pages
const none = { failures: 0, oomKills: 0, processes: [] };

describe("beancounter sentences", () => {
  it("uses vzubc's quiet-mode rule: held at 50% or maxheld at 80% of the limit", () => {
    const row = { name: "physpages", barrier: 0, limit: 1000, failcnt: 0 };
    expect(isNearLimit({ ...row, held: 499, maxheld: 799 })).toBe(false);
    expect(isNearLimit({ ...row, held: 500, maxheld: 0 })).toBe(true);
    expect(isNearLimit({ ...row, held: 0, maxheld: 800 })).toBe(true);
    expect(isNearLimit({ ...row, limit: 9223372036854775807, held: 10 ** 18, maxheld: 10 ** 18 })).toBe(false);
  });

  it("explains OOM kills in the last hour with the victim's name and advice", () => {
    const s = describeBeancounter({ name: "physpages", held: 100, maxheld: MB512, barrier: 0, limit: MB512, failcnt: 14 }, { failures: 0, oomKills: 14, processes: Array(14).fill("php-fpm") });
    expect(s).toBe("Your CT tried to use more than its 512 MB of RAM 14 times in the last hour; the kernel stopped php-fpm each time. Upgrade the plan or tune php-fpm's workers.");
  });

  it("says when the kernel did not name the victim, and describes numproc and unenforced rows", () => {
    expect(describeBeancounter({ name: "physpages", held: 1, maxheld: 2, barrier: 0, limit: MB512, failcnt: 1 }, { failures: 0, oomKills: 1, processes: [] })).toMatch(/once in the last hour; the kernel stopped a process each time \(the kernel log did not name it\)/);
    expect(describeBeancounter({ name: "numproc", held: 64, maxheld: 64, barrier: 64, limit: 64, failcnt: 3 }, { ...none, failures: 3 })).toBe(
      "Your CT tried to run more than its 64 processes 3 times in the last hour; those starts failed. Upgrade the plan or find what starts so many processes.",
    );
    expect(describeBeancounter({ name: "numfile", held: 12, maxheld: 12, barrier: 9223372036854775807, limit: 9223372036854775807, failcnt: 0 }, none)).toBe("Your CT has 12 open files. A mainline kernel has no per-CT limit for this, so it is shown for information only.");
    expect(describeBeancounter({ name: "numproc", held: 2, maxheld: 4, barrier: 9223372036854775807, limit: 9223372036854775807, failcnt: 0 }, none)).toBe("Your CT has 2 processes; your plan sets no limit for it.");
  });

  it("writes the timeline sentence of a hit", () => {
    expect(describeLimitHit({ resource: "oom_kill", count: 1, limit: 64 * 2 ** 20, processes: ["dd"] }, "web1")).toBe("web1 ran out of its 64 MB of RAM; the kernel stopped dd.");
    expect(describeLimitHit({ resource: "numproc", count: 2, limit: 32, processes: [] }, "web1")).toBe("web1 tried to run more than its 32 processes 2 times; those starts failed.");
  });
});
