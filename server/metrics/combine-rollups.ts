// Merges rollup rows ({metric: [min, avg, max]}, with a sample count) into
// one: min of mins, max of maxes, the average weighted by sample counts.
export type RollupStats = Record<string, [number, number, number]>;

export function combineRollups(rows: { count: number; stats: RollupStats }[]): { count: number; stats: RollupStats } {
  const acc: Record<string, { min: number; max: number; sum: number; n: number }> = {};
  let count = 0;
  for (const r of rows) {
    count += r.count;
    for (const [k, [mn, avg, mx]] of Object.entries(r.stats)) {
      const a = (acc[k] ??= { min: mn, max: mx, sum: 0, n: 0 });
      a.min = Math.min(a.min, mn);
      a.max = Math.max(a.max, mx);
      a.sum += avg * r.count;
      a.n += r.count;
    }
  }
  const stats: RollupStats = {};
  for (const [k, a] of Object.entries(acc)) stats[k] = [a.min, a.n ? Math.round((a.sum / a.n) * 1000) / 1000 : 0, a.max];
  return { count, stats };
}
