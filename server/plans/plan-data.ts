// Plan input (numbers) to the row's column types: sizes are BigInt columns.
import type { CreatePlanInput } from "@/server/plans/plan-input";

const BIG = ["ramBytes", "swapBytes", "diskBytes", "diskInodes", "ioLimitBps", "trafficBytesMonth"] as const;

export function planData<T extends Partial<CreatePlanInput>>(input: T) {
  const out: Record<string, unknown> = { ...input };
  for (const k of BIG) if (typeof input[k] === "number") out[k] = BigInt(input[k]);
  return out as Omit<T, (typeof BIG)[number]> & Partial<Record<(typeof BIG)[number], bigint>>;
}
