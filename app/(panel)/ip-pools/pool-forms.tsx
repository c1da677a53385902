"use client";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextInput } from "@/components/ui/text-input";
import { addIpRangeAction, createIpPoolAction, setReverseDnsAction } from "./actions";

export function NewPoolForm({ nodes }: { nodes: { id: string; name: string }[] }) {
  return (
    <ActionForm action={createIpPoolAction} label="New IP pool" success={() => <p className="text-sm text-green-700">Pool created. Add address ranges on its page.</p>}>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <TextInput label="Pool name" name="name" required />
        <TextInput label="Network (CIDR)" name="cidr" placeholder="10.77.0.0/24" required />
        <TextInput label="Gateway" name="gateway" placeholder="10.77.0.1" />
        <label className="block text-sm">
          <span className="font-medium">Node</span>
          <select name="nodeId" className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900">
            <option value="">shared by all nodes</option>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="mt-3">
        <SubmitButton>Create pool</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function AddRangeForm({ poolId }: { poolId: string }) {
  return (
    <ActionForm action={addIpRangeAction} label="Add range" success={(d) => <p className="text-sm text-green-700">Added {(d as { added: number }).added} addresses.</p>}>
      <input type="hidden" name="poolId" value={poolId} />
      <div className="grid grid-cols-2 gap-3">
        <TextInput label="First address" name="first" required />
        <TextInput label="Last address" name="last" required />
      </div>
      <div className="mt-3">
        <SubmitButton>Add range</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function ReverseDnsForm({ id, poolId, value }: { id: string; poolId: string; value: string | null }) {
  return (
    <ActionForm action={setReverseDnsAction} label="Reverse DNS" className="flex items-start gap-2" resetOnSuccess={false}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="poolId" value={poolId} />
      <input name="reverseDns" defaultValue={value ?? ""} aria-label="Reverse DNS name" placeholder="host.example.com" className="rounded border border-slate-300 px-2 py-0.5 dark:border-slate-700 dark:bg-slate-900" />
      <SubmitButton tone="plain">Save</SubmitButton>
    </ActionForm>
  );
}
