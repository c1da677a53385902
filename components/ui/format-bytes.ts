// Bytes as GiB/MiB for people; the API and database keep bytes.
export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${+(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${+(n / 2 ** 20).toFixed(0)} MiB`;
  return `${n} B`;
}
