"use client";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { archivePlanAction } from "./actions";

export function ArchiveButton({ id, archived }: { id: string; archived: boolean }) {
  return (
    <ActionForm action={archivePlanAction} label={archived ? "Restore plan" : "Archive plan"}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
      <SubmitButton tone="plain">{archived ? "Restore" : "Archive"}</SubmitButton>
    </ActionForm>
  );
}
