"use client";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { setUserDisabledAction } from "./actions";

export function UserRowActions({ id, disabled }: { id: string; disabled: boolean }) {
  return (
    <ActionForm action={setUserDisabledAction} label={`${disabled ? "Enable" : "Disable"} user`}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <SubmitButton tone={disabled ? "plain" : "danger"}>{disabled ? "Enable" : "Disable"}</SubmitButton>
    </ActionForm>
  );
}
