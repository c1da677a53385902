// Rows to JSON-safe plain values: BigInt sizes become numbers (bytes stay well
// below 2^53), dates ISO strings. Used for API responses and page props.
export function plain<T>(value: T): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
