// The node's template caches, as `corralctl template list -j` reports them.
import { runCorralctl, type CorralctlOptions } from "@/server/agent/run-corralctl";

export type NodeTemplate = { name: string; os: string; init: string; format: string; size: number; created: number };

export async function listTemplates(opts: CorralctlOptions): Promise<NodeTemplate[]> {
  const r = await runCorralctl<{ templates: NodeTemplate[] }>(["template", "list"], { ...opts, timeoutMs: 30_000 });
  return r?.templates ?? [];
}
