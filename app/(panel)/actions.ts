"use server";
import { ProvisionCtInput } from "@/server/cts/ct-input";
import { provisionCt } from "@/server/cts/provision-ct";
import { formValues } from "@/server/http/form-values";
import { runAction, type ActionResult } from "@/server/http/run-action";

export async function provisionCtAction(_prev: ActionResult | null, form: FormData) {
  return runAction("/", (actor) => provisionCt(actor, ProvisionCtInput.parse(formValues(form))));
}
