import { describe, expect, it } from "vitest";
import type { CtRow } from "@/server/agent/agent-messages";
import { diffCtRows } from "@/server/agent/diff-ct-rows";

const row = (ctid: number, status: CtRow["status"], extra: Partial<CtRow> = {}): CtRow => ({ ctid, status, ip: [], ...extra });

describe("diffCtRows", () => {
  it("reports new and changed rows and the CTIDs that went away, nothing for an unchanged list", () => {
    const first = diffCtRows(new Map(), [row(101, "running"), row(102, "stopped")]);
    expect(first.changed.map((r) => r.ctid)).toEqual([101, 102]);
    expect(first.gone).toEqual([]);
    expect(diffCtRows(first.seen, [row(101, "running"), row(102, "stopped")])).toMatchObject({ changed: [], gone: [] });
    const next = diffCtRows(first.seen, [row(101, "running", { init_pid: 42 }), row(103, "stopped")]);
    expect(next.changed).toEqual([row(101, "running", { init_pid: 42 }), row(103, "stopped")]);
    expect(next.gone).toEqual([102]);
    expect([...next.seen.keys()]).toEqual([101, 103]);
  });
});
