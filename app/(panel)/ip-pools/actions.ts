"use server";
import { addIpRange } from "@/server/ip-pools/add-ip-range";
import { createIpPool } from "@/server/ip-pools/create-ip-pool";
import { AddIpRangeInput, CreateIpPoolInput, SetReverseDnsInput } from "@/server/ip-pools/ip-pool-input";
import { setReverseDns } from "@/server/ip-pools/set-reverse-dns";
import { formValues } from "@/server/http/form-values";
import { runAction, type ActionResult } from "@/server/http/run-action";

export async function createIpPoolAction(_prev: ActionResult | null, form: FormData) {
  return runAction("/ip-pools", (actor) => createIpPool(actor, CreateIpPoolInput.parse(formValues(form))));
}

export async function addIpRangeAction(_prev: ActionResult | null, form: FormData) {
  const { poolId, ...rest } = formValues(form);
  return runAction(`/ip-pools/${poolId}`, (actor) => addIpRange(actor, String(poolId), AddIpRangeInput.parse(rest)));
}

export async function setReverseDnsAction(_prev: ActionResult | null, form: FormData) {
  const { id, poolId, reverseDns } = formValues(form, { nullIfEmpty: ["reverseDns"] });
  return runAction(`/ip-pools/${poolId}`, (actor) => setReverseDns(actor, String(id), SetReverseDnsInput.parse({ reverseDns: reverseDns ?? null })));
}
