"use client";
// Forms of the nodes page: add a node (token shown once), rotate or revoke a
// token, maintenance, and what to do with an orphan CT.
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextInput } from "@/components/ui/text-input";
import { addNodeAction, adoptOrphanAction, removeOrphanAction, revokeTokenAction, rotateTokenAction, setMaintenanceAction } from "./actions";
import { TokenResult } from "./token-result";

export function AddNodeForm() {
  return (
    <ActionForm action={addNodeAction} label="Add node" resetOnSuccess={false} success={(d) => <TokenResult data={d as { token: string; command: string }} />}>
      <div className="flex items-end gap-3">
        <TextInput label="Node name" name="name" placeholder="node2" required />
        <SubmitButton>Add node</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function NodeActions({ id, maintenance }: { id: string; maintenance: boolean }) {
  return (
    <div className="flex flex-wrap gap-2">
      <ActionForm action={setMaintenanceAction} label="Maintenance">
        <input type="hidden" name="id" value={id} />
        {!maintenance && <input type="hidden" name="maintenance" value="on" />}
        <SubmitButton tone="plain">{maintenance ? "End maintenance" : "Maintenance"}</SubmitButton>
      </ActionForm>
      <ActionForm action={rotateTokenAction} label="New token" resetOnSuccess={false} success={(d) => <TokenResult data={d as { token: string; command: string }} />}>
        <input type="hidden" name="id" value={id} />
        <SubmitButton tone="plain">New token</SubmitButton>
      </ActionForm>
      <ActionForm action={revokeTokenAction} label="Revoke token">
        <input type="hidden" name="id" value={id} />
        <SubmitButton tone="danger">Revoke token</SubmitButton>
      </ActionForm>
    </div>
  );
}

export function OrphanActions({ id, tenants }: { id: string; tenants: { id: string; name: string }[] }) {
  return (
    <div className="flex flex-wrap items-end gap-2">
      <ActionForm action={adoptOrphanAction} label="Adopt">
        <input type="hidden" name="id" value={id} />
        <select name="tenantId" aria-label="Tenant" className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900">
          {tenants.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>{" "}
        <SubmitButton>Adopt</SubmitButton>
      </ActionForm>
      <ActionForm action={removeOrphanAction} label="Remove">
        <input type="hidden" name="id" value={id} />
        <SubmitButton tone="danger">Stop and destroy</SubmitButton>
      </ActionForm>
    </div>
  );
}
