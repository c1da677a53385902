"use client";
// A customer creates a CT on a plan. Over-quota requests come back as the
// error envelope and are shown as the sentence naming the quota.
import { ActionForm } from "@/components/ui/action-form";
import { SelectInput } from "@/components/ui/select-input";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextInput } from "@/components/ui/text-input";
import { provisionCtAction } from "./actions";

export function ProvisionForm({ plans }: { plans: { id: string; name: string }[] }) {
  return (
    <ActionForm
      action={provisionCtAction}
      label="New server"
      className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      success={(d) => <p className="text-sm text-green-700">Server {(d as { ct: { hostname: string } }).ct.hostname} is being created.</p>}
    >
      <h2 className="mb-3 text-lg font-medium">New server</h2>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3">
        <TextInput label="Host name" name="hostname" placeholder="web1.example.com" required />
        <SelectInput label="Plan" name="planId" options={plans.map((p) => ({ value: p.id, label: p.name }))} />
        <TextInput label="Template" name="ostemplate" defaultValue="busybox" />
      </div>
      <div className="mt-3">
        <SubmitButton pendingText="Creating…">Create server</SubmitButton>
      </div>
    </ActionForm>
  );
}
