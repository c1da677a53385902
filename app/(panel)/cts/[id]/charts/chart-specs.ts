// Which metrics each chart of the charts tab draws, and how it labels them.
import type { MetricKey } from "@/server/metrics/metric-fields";

export type ChartSpec = {
  id: string;
  title: string;
  unit: "percent" | "bytes" | "count" | "bytes/s" | "per-second";
  lines: { key: MetricKey; label: string; color: string; dash?: boolean; fill?: boolean }[];
};

export const CHART_SPECS: ChartSpec[] = [
  {
    id: "cpu",
    title: "CPU",
    unit: "percent",
    lines: [
      { key: "cpuLimit", label: "% of the CT's limit", color: "#0284c7", fill: true },
      { key: "cpuNode", label: "% of the node", color: "#7c3aed" },
    ],
  },
  {
    id: "memory",
    title: "RAM and swap",
    unit: "bytes",
    lines: [
      { key: "ram", label: "RAM", color: "#059669", fill: true },
      { key: "ramLimit", label: "RAM limit", color: "#059669", dash: true },
      { key: "swap", label: "Swap", color: "#d97706" },
      { key: "swapLimit", label: "Swap limit", color: "#d97706", dash: true },
    ],
  },
  {
    id: "processes",
    title: "Processes",
    unit: "count",
    lines: [
      { key: "procs", label: "Processes", color: "#0891b2", fill: true },
      { key: "procsLimit", label: "Limit", color: "#0891b2", dash: true },
    ],
  },
  {
    id: "disk",
    title: "Disk space",
    unit: "bytes",
    lines: [
      { key: "disk", label: "Used", color: "#9333ea", fill: true },
      { key: "diskTotal", label: "Size", color: "#9333ea", dash: true },
    ],
  },
  {
    id: "inodes",
    title: "Files (inodes)",
    unit: "count",
    lines: [
      { key: "inodes", label: "Used", color: "#be185d", fill: true },
      { key: "inodesTotal", label: "Available", color: "#be185d", dash: true },
    ],
  },
  {
    id: "network",
    title: "Network",
    unit: "bytes/s",
    lines: [
      { key: "netRx", label: "In", color: "#2563eb", fill: true },
      { key: "netTx", label: "Out", color: "#dc2626" },
    ],
  },
  {
    id: "packets",
    title: "Network packets",
    unit: "per-second",
    lines: [
      { key: "netRxPkts", label: "In", color: "#2563eb" },
      { key: "netTxPkts", label: "Out", color: "#dc2626" },
    ],
  },
  {
    id: "io",
    title: "Disk I/O",
    unit: "bytes/s",
    lines: [
      { key: "ioRead", label: "Read", color: "#16a34a", fill: true },
      { key: "ioWrite", label: "Write", color: "#ea580c" },
    ],
  },
  {
    id: "iops",
    title: "Disk operations",
    unit: "per-second",
    lines: [
      { key: "ioReadOps", label: "Reads", color: "#16a34a" },
      { key: "ioWriteOps", label: "Writes", color: "#ea580c" },
    ],
  },
];

export function formatMetric(unit: ChartSpec["unit"], v: number): string {
  const si = (n: number) => {
    for (const [s, p] of [[1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]] as const) if (Math.abs(n) >= s) return `${+(n / s).toFixed(1)} ${p}`;
    return `${+n.toFixed(n < 10 ? 1 : 0)} `;
  };
  switch (unit) {
    case "percent":
      return `${+v.toFixed(1)}%`;
    case "bytes":
      return `${si(v)}B`;
    case "bytes/s":
      return `${si(v)}B/s`;
    case "per-second":
      return `${si(v).trim()}/s`;
    default:
      return si(v).trim();
  }
}
