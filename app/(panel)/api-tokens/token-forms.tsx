"use client";
import { KeyRound } from "lucide-react";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextInput } from "@/components/ui/text-input";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export function NewTokenForm({ tenants }: { tenants?: { id: string; name: string }[] }) {
  return (
    <ActionForm
      action={createApiTokenAction}
      label="New API token"
      success={(d) => (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
          <p className="flex items-center gap-2 font-medium">
            <KeyRound aria-hidden className="size-4" /> Copy this token now. It will not be shown again.
          </p>
          <code data-testid="new-token" className="mt-2 block break-all select-all">
            {(d as { token: string }).token}
          </code>
        </div>
      )}
    >
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3">
        <TextInput label="Token name" name="name" placeholder="billing system" required />
        <TextInput label="Expires in (days, optional)" name="expiresInDays" type="number" min={1} />
        {tenants && (
          <label className="block text-sm">
            <span className="font-medium">Scope</span>
            <select name="tenantId" className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900">
              <option value="">provider (all tenants)</option>
              {tenants.map((t) => (
                <option key={t.id} value={t.id}>
                  tenant: {t.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="mt-3">
        <SubmitButton>Create token</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function RevokeTokenButton({ id }: { id: string }) {
  return (
    <ActionForm action={revokeApiTokenAction} label="Revoke token">
      <input type="hidden" name="id" value={id} />
      <SubmitButton tone="danger">Revoke</SubmitButton>
    </ActionForm>
  );
}
