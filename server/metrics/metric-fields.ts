// The metrics of one CT sample, in wire order. The agent sends each CT as an
// array in this order (500 CTs a second as objects would mostly be key names),
// the panel keeps and rolls up the same keys, and the browser labels them.
// Append only: the stored rollups and a running agent of an older version
// both index by position.
export const METRIC_FIELDS = [
  { key: "cpuNode", unit: "percent", label: "CPU (% of the node)" },
  { key: "cpuLimit", unit: "percent", label: "CPU (% of the CT's limit)" },
  { key: "ram", unit: "bytes", label: "RAM used" },
  { key: "ramLimit", unit: "bytes", label: "RAM limit" },
  { key: "swap", unit: "bytes", label: "Swap used" },
  { key: "swapLimit", unit: "bytes", label: "Swap limit" },
  { key: "procs", unit: "count", label: "Processes" },
  { key: "procsLimit", unit: "count", label: "Process limit" },
  { key: "disk", unit: "bytes", label: "Disk used" },
  { key: "diskTotal", unit: "bytes", label: "Disk size" },
  { key: "inodes", unit: "count", label: "Inodes used" },
  { key: "inodesTotal", unit: "count", label: "Inodes" },
  { key: "netRx", unit: "bytes/s", label: "Network in" },
  { key: "netTx", unit: "bytes/s", label: "Network out" },
  { key: "netRxPkts", unit: "packets/s", label: "Packets in" },
  { key: "netTxPkts", unit: "packets/s", label: "Packets out" },
  { key: "ioRead", unit: "bytes/s", label: "Disk read" },
  { key: "ioWrite", unit: "bytes/s", label: "Disk write" },
  { key: "ioReadOps", unit: "ops/s", label: "Read operations" },
  { key: "ioWriteOps", unit: "ops/s", label: "Write operations" },
] as const;

export type MetricKey = (typeof METRIC_FIELDS)[number]["key"];
export const METRIC_KEYS: MetricKey[] = METRIC_FIELDS.map((f) => f.key);
export const METRIC_COUNT = METRIC_FIELDS.length;

// One CT's values at one instant; null where the node has no honest number
// (no veth, the dir layout's disk, a kernel without the counter).
export type MetricValues = (number | null)[];
