// The columnar form of a metrics batch on the /agents wire (`metrics:frame`):
// every CT's sample as one row of float64s, [ctid, ...values in
// METRIC_FIELDS order], NaN for null, all rows in one binary attachment. 500
// CTs a second as JSON arrays were 500 arrays parsed, validated and copied
// per second on the panel; this is one buffer read in place. The rest of
// the batch (hits, OOM counts, node usage) stays JSON, checked with zod.
// Byte order is the host's: x86-64 and arm64 nodes and panels are all
// little-endian.
import { z } from "zod";
import { MetricsBatch } from "@/server/agent/metrics-messages";
import { METRIC_COUNT, type MetricValues } from "@/server/metrics/metric-fields";

const MAX_CTID = 2_147_483_647;
const MAX_ROWS = 100_000;

export const MetricsFrameHeader = MetricsBatch.omit({ cts: true }).extend({
  // Values per row after the CTID: METRIC_COUNT for an agent of this version.
  columns: z.number().int().min(1).max(256),
  rows: z.instanceof(Uint8Array),
  // A node with more CTs than fit in one frame sends several per sample; each says how many CTs in all.
  ctsTotal: z.number().int().nonnegative().max(MAX_ROWS).optional(),
});
export type MetricsFrameHeader = z.infer<typeof MetricsFrameHeader>;

// A frame as the panel reads it: rows of `stride` float64s, values from offset 1.
export type MetricsFrame = Omit<MetricsFrameHeader, "rows" | "columns"> & { rows: Float64Array; stride: number; count: number };

/** Packs CT rows ([ctid, ...values]) into the frame's buffer (the agent side). */
export function packFrameRows(ctids: ArrayLike<number>, values: readonly MetricValues[]): Buffer {
  const stride = 1 + METRIC_COUNT;
  const f = new Float64Array(ctids.length * stride);
  for (let k = 0; k < ctids.length; k++) {
    const o = k * stride;
    f[o] = ctids[k]!;
    const v = values[k]!;
    for (let i = 0; i < METRIC_COUNT; i++) {
      const x = v[i];
      f[o + 1 + i] = x === null || x === undefined ? NaN : x;
    }
  }
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
}

/** Checks and reads a received frame in place; an error names what is wrong. */
export function readMetricsFrame(raw: unknown): { ok: true; frame: MetricsFrame } | { ok: false; error: string } {
  const p = MetricsFrameHeader.safeParse(raw);
  if (!p.success) return { ok: false, error: p.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const { rows: bytes, columns, ...rest } = p.data;
  const stride = 1 + columns;
  if (bytes.byteLength % (stride * 8) !== 0) return { ok: false, error: `rows: ${bytes.byteLength} bytes is not a whole number of ${stride}-value rows` };
  const count = bytes.byteLength / (stride * 8);
  if (count > MAX_ROWS) return { ok: false, error: `rows: more than ${MAX_ROWS}` };
  // A Float64Array needs 8-byte alignment; a received Buffer may sit anywhere in a
  // larger one, and Buffer#slice does not copy, so the copy is a new Uint8Array.
  const rows = bytes.byteOffset % 8 === 0 ? new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8) : new Float64Array(new Uint8Array(bytes).buffer);
  for (let k = 0; k < count; k++) {
    const o = k * stride;
    const ctid = rows[o]!;
    if (!Number.isInteger(ctid) || ctid < 1 || ctid > MAX_CTID) return { ok: false, error: `rows.${k}.0: not a CTID` };
    for (let i = 1; i < stride; i++) {
      const x = rows[o + i]!;
      if (x === Infinity || x === -Infinity) return { ok: false, error: `rows.${k}.${i}: not a finite number` };
    }
  }
  return { ok: true, frame: { ...rest, rows, stride, count } };
}

/** One row's values as the browser gets them (null for NaN); allocates, so only for viewers. */
export function frameValues(f: MetricsFrame, k: number): MetricValues {
  const out: MetricValues = new Array(METRIC_COUNT);
  const o = k * f.stride + 1;
  for (let i = 0; i < METRIC_COUNT; i++) {
    const x = i < f.stride - 1 ? f.rows[o + i]! : NaN;
    out[i] = Number.isNaN(x) ? null : x;
  }
  return out;
}

/** An older agent's JSON batch as a frame, so one ingest path serves both. */
export function frameFromBatch(b: MetricsBatch): MetricsFrame {
  const { cts, ...rest } = b;
  const stride = 1 + METRIC_COUNT;
  const rows = new Float64Array(cts.length * stride);
  for (let k = 0; k < cts.length; k++) {
    const r = cts[k]!;
    for (let i = 0; i < stride; i++) rows[k * stride + i] = r[i] ?? NaN;
  }
  return { ...rest, rows, stride, count: cts.length };
}
