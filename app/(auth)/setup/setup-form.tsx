"use client";
import { useActionState } from "react";
import { FormField } from "@/components/ui/form-field";
import { completeSetup, type SetupState } from "./actions";

export function SetupForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<SetupState, FormData>(completeSetup, {});
  const fieldError = (name: string) => state.error?.fields?.find((f) => f.path === name)?.message;
  return (
    <form action={action} className="mt-6 space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormField label="Your name" name="name" autoComplete="name" error={fieldError("name")} defaultValue={state.values?.name} />
      <FormField label="Email" name="email" type="email" autoComplete="username" error={fieldError("email")} defaultValue={state.values?.email} />
      <FormField label="Password (10 characters or more)" name="password" type="password" autoComplete="new-password" error={fieldError("password")} />
      {state.error && !state.error.fields && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.error.message}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60">
        {pending ? "Creating…" : "Create admin and continue"}
      </button>
    </form>
  );
}
