"use server";
import { CreateApiTokenInput } from "@/server/api-tokens/api-token-input";
import { createApiToken } from "@/server/api-tokens/create-api-token";
import { revokeApiToken } from "@/server/api-tokens/revoke-api-token";
import { formValues } from "@/server/http/form-values";
import { runAction, type ActionResult } from "@/server/http/run-action";

export async function createApiTokenAction(_prev: ActionResult | null, form: FormData) {
  const values = formValues(form, { numbers: ["expiresInDays"] });
  // An admin's empty tenant choice means a provider token.
  if (form.get("scope") === "provider") values.tenantId = null;
  delete values.scope;
  return runAction("/api-tokens", (actor) => createApiToken(actor, CreateApiTokenInput.parse(values)));
}

export async function revokeApiTokenAction(_prev: ActionResult | null, form: FormData) {
  const id = String(form.get("id"));
  return runAction("/api-tokens", (actor) => revokeApiToken(actor, id));
}
