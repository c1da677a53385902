// IPv4/IPv6 addresses as BigInt, for ranges and overlap checks. Node's `net`
// validates the text; the arithmetic lives here because `net` has none.
import net from "node:net";

export type Family = 4 | 6;

export function parseIp(text: string): { family: Family; value: bigint } | null {
  const s = text.trim();
  if (net.isIPv4(s)) return { family: 4, value: s.split(".").reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n) };
  if (!net.isIPv6(s) || s.includes(".") || s.includes("%")) return null;
  const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || "0", 16)), 0n) };
}

export function formatIp(family: Family, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((sh) => String((value >> sh) & 255n)).join(".");
  const groups = [...Array(8)].map((_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.len && j - i > 1) best = { start: i, len: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(":");
  return `${groups.slice(0, best.start).join(":")}::${groups.slice(best.start + best.len).join(":")}`;
}

export function parseCidr(text: string): { family: Family; first: bigint; last: bigint; prefix: number } | null {
  const [addr, len, extra] = text.trim().split("/");
  if (!addr || len === undefined || extra !== undefined || !/^\d{1,3}$/.test(len)) return null;
  const ip = parseIp(addr);
  if (!ip) return null;
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = Number(len);
  if (prefix > bits) return null;
  const hostBits = BigInt(bits - prefix);
  const first = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, first, last: first + (1n << hostBits) - 1n, prefix };
}
