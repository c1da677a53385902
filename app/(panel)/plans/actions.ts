"use server";
import { createPlan } from "@/server/plans/create-plan";
import { CreatePlanInput, UpdatePlanInput } from "@/server/plans/plan-input";
import { updatePlan } from "@/server/plans/update-plan";
import { formValues } from "@/server/http/form-values";
import { runAction, type ActionResult } from "@/server/http/run-action";

export async function createPlanAction(_prev: ActionResult | null, form: FormData) {
  const values = formValues(form, { gib: ["ramBytes", "swapBytes", "diskBytes"], numbers: ["cpus", "cpuUnits", "cpuLimitPct", "numproc", "ipv4Count", "ipv6Count", "backups", "diskInodes"] });
  return runAction("/plans", (actor) => createPlan(actor, CreatePlanInput.parse(values)));
}

export async function archivePlanAction(_prev: ActionResult | null, form: FormData) {
  const id = String(form.get("id"));
  return runAction("/plans", (actor) => updatePlan(actor, id, UpdatePlanInput.parse({ archived: form.get("archived") === "true" })));
}
