"use server";
import { formValues } from "@/server/http/form-values";
import { runAction, type ActionResult } from "@/server/http/run-action";
import { createPanelUser } from "@/server/users/create-panel-user";
import { updateUser } from "@/server/users/update-user";
import { CreateUserInput, UpdateUserInput } from "@/server/users/user-input";

export async function createUserAction(_prev: ActionResult | null, form: FormData) {
  return runAction("/users", (actor) => createPanelUser(actor, CreateUserInput.parse(formValues(form))));
}

export async function setUserDisabledAction(_prev: ActionResult | null, form: FormData) {
  const id = String(form.get("id"));
  return runAction("/users", (actor) => updateUser(actor, id, UpdateUserInput.parse({ disabled: form.get("disabled") === "true" })));
}
