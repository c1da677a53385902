"use client";
// Adds a user. Staff pick any role; on a tenant's page only owner and member.
import { ActionForm } from "@/components/ui/action-form";
import { SelectInput } from "@/components/ui/select-input";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextInput } from "@/components/ui/text-input";
import { createUserAction } from "./actions";

export function NewUserForm({ tenantId, roles, tenants }: { tenantId?: string; roles: string[]; tenants?: { id: string; name: string }[] }) {
  return (
    <ActionForm action={createUserAction} label="New user" className="mt-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800" success={() => <p className="text-sm text-green-700">User added. They can log in now.</p>}>
      <h3 className="mb-3 font-medium">Add a user</h3>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <TextInput label="Name" name="name" required />
        <TextInput label="User email" name="email" type="email" required />
        <TextInput label="Initial password" name="password" type="password" required />
        <SelectInput label="Role" name="role" options={roles.map((r) => ({ value: r, label: r }))} />
        {tenantId ? <input type="hidden" name="tenantId" value={tenantId} /> : tenants && <SelectInput label="Tenant" name="tenantId" options={[{ value: "", label: "(none: staff)" }, ...tenants.map((t) => ({ value: t.id, label: t.name }))]} />}
      </div>
      <div className="mt-3">
        <SubmitButton>Add user</SubmitButton>
      </div>
    </ActionForm>
  );
}
