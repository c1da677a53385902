"use client";
// The agent token and the command to run on the node, shown once after "Add
// node" or a token rotation: the panel keeps only its hash.
export function TokenResult({ data }: { data: { token: string; command: string } }) {
  return (
    <div className="space-y-2 text-sm">
      <p className="font-medium text-green-700">Copy this now: the token is not shown again.</p>
      <p>Run on the new node, from a checkout of Corral (as root):</p>
      <pre data-testid="agent-command" className="overflow-x-auto rounded bg-slate-900 p-3 text-slate-100">
        {data.command}
      </pre>
    </div>
  );
}
