// The all-in-one start: the local node's CT subnet (node.conf SUBNET, as
// corralctl reads it) becomes an IP pool once, so a fresh panel can create CTs
// without an admin first typing in the range the node already has.
import fs from "node:fs";
import path from "node:path";
import { db } from "@/server/db/client";
import { moduleLogger } from "@/server/logger";

const log = moduleLogger("nodes");

// corralctl's defaults (native/src/lib/node-config.c).
const DEFAULT_SUBNET = "10.77.0.0/24";
const MAX_ADDRESSES = 1024;

function readSubnet(root: string): { cidr: string; gateway?: string } {
  let text = "";
  try {
    text = fs.readFileSync(path.join(root, "node.conf"), "utf8");
  } catch {
    // No file: the node runs on corralctl's defaults.
  }
  const get = (key: string) => text.match(new RegExp(`^\\s*${key}\\s*=\\s*"?([^"\\s]+)"?\\s*$`, "m"))?.[1];
  return { cidr: get("SUBNET") ?? DEFAULT_SUBNET, gateway: get("GATEWAY") };
}

const toInt = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");

/** Usable host addresses of an IPv4 CIDR, without network, broadcast and gateway (the first host unless given). */
export function hostAddresses(cidr: string, gateway?: string): { gateway: string; addresses: string[] } {
  const m = cidr.match(/^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/);
  if (!m || Number(m[2]) < 8 || Number(m[2]) > 30) throw new Error(`node.conf SUBNET \`${cidr}\` is not an IPv4 CIDR between /8 and /30`);
  const bits = Number(m[2]);
  const network = (toInt(m[1]!) & (~0 << (32 - bits))) >>> 0;
  const last = network + 2 ** (32 - bits) - 1;
  const gw = gateway ?? toIp(network + 1);
  const addresses: string[] = [];
  for (let n = network + 1; n < last && addresses.length < MAX_ADDRESSES; n++) if (toIp(n) !== gw) addresses.push(toIp(n));
  return { gateway: gw, addresses };
}

export async function ensureLocalPool(nodeId: string, nodeName: string, root: string): Promise<void> {
  const { cidr, gateway } = readSubnet(root);
  if (await db().ipPool.findFirst({ where: { cidr } })) return;
  const hosts = hostAddresses(cidr, gateway);
  const pool = await db().ipPool.create({ data: { name: `${nodeName}-local`, family: 4, cidr, gateway: hosts.gateway, nodeId } });
  await db().ipAddress.createMany({ data: hosts.addresses.map((address) => ({ poolId: pool.id, address })), skipDuplicates: true });
  log.info({ cidr, addresses: hosts.addresses.length }, "local node subnet added as an IP pool");
}
