// Where each counter the sampler uses sits in a row of `corralctl stats
// --compact`, from the {"columns":[...]} line corralctl prints first
// (native/src/cmd-stats.c). Rows are arrays because at 500 CTs a second the
// object form is mostly key names to write and parse; the names line keeps
// the two sides from silently disagreeing: a corralctl without one of these
// columns is refused, naming it.
export const STATS_COLUMNS = [
  "ctid",
  "cpu_ns",
  "memory.current",
  "memory.limit",
  "memory.failcnt",
  "memory.oom_kills",
  "swap.current",
  "swap.limit",
  "swap.failcnt",
  "processes.current",
  "processes.limit",
  "processes.failcnt",
  "io.read_bytes",
  "io.write_bytes",
  "io.read_ops",
  "io.write_ops",
  "net.rx_bytes",
  "net.rx_packets",
  "net.tx_bytes",
  "net.tx_packets",
  "disk.used",
  "disk.total",
  "disk.inodes_used",
  "disk.inodes_total",
] as const;

export type StatsColumn = (typeof STATS_COLUMNS)[number];
export type StatsColumnIndex = Record<StatsColumn, number>;

export function indexStatsColumns(columns: unknown): StatsColumnIndex {
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === "string")) throw new Error("corralctl stats --compact: the columns line is not a list of names");
  const missing = STATS_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) throw new Error(`corralctl stats --compact lacks the columns ${missing.join(", ")}`);
  return Object.fromEntries(STATS_COLUMNS.map((c) => [c, columns.indexOf(c)])) as StatsColumnIndex;
}
