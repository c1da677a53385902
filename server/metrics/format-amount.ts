// Amounts in customer sentences: "512 MB of RAM", "64 processes". Binary
// multiples with the short names hosting plans use (a "512 MB" plan is 512 MiB).
export function formatAmount(n: number, unit: "bytes" | "count"): string {
  if (unit === "count") return Math.round(n).toLocaleString("en-US");
  for (const [size, name] of [[2 ** 40, "TB"], [2 ** 30, "GB"], [2 ** 20, "MB"], [2 ** 10, "KB"]] as const) if (n >= size) return `${+(n / size).toFixed(n >= 10 * size ? 0 : 1)} ${name}`;
  return `${Math.round(n)} bytes`;
}
