"use server";
import { redirect } from "next/navigation";
import { changeCtSettings } from "@/server/cts/change-ct-settings";
import { reinstallCt } from "@/server/cts/reinstall-ct";
import { resetRootPassword } from "@/server/cts/reset-root-password";
import { terminateCt } from "@/server/cts/terminate-ct";
import { AppError } from "@/server/errors/app-error";
import { runAction, type ActionResult } from "@/server/http/run-action";

const id = (form: FormData) => String(form.get("ctId") ?? "");

export async function changeSettingsAction(_prev: ActionResult | null, form: FormData) {
  const nameservers = String(form.get("nameservers") ?? "")
    .split(/[\s,]+/)
    .filter(Boolean);
  return runAction(`/cts/${id(form)}`, (actor) => changeCtSettings(actor, id(form), { hostname: String(form.get("hostname") ?? ""), nameservers }));
}

export async function reinstallAction(_prev: ActionResult | null, form: FormData) {
  return runAction(`/cts/${id(form)}`, (actor) =>
    reinstallCt(actor, id(form), { ostemplate: String(form.get("ostemplate") ?? "") || undefined, confirmHostname: String(form.get("confirmHostname") ?? "") }),
  );
}

export async function destroyAction(_prev: ActionResult | null, form: FormData) {
  const hostname = String(form.get("hostname") ?? "");
  const result = await runAction("/cts", async (actor) => {
    if (String(form.get("confirmHostname") ?? "").trim() !== hostname)
      throw new AppError("bad_request", `Type the CT's hostname (${hostname}) to confirm: destroying it deletes all its files.`, {
        fields: [{ path: "confirmHostname", message: "does not match the hostname" }],
      });
    return terminateCt(actor, id(form));
  });
  if (result.ok) redirect("/cts");
  return result;
}

export async function resetPasswordAction(_prev: ActionResult | null, form: FormData) {
  if (form.get("password") !== form.get("confirm"))
    return { ok: false as const, at: Date.now(), error: { code: "bad_request" as const, message: "The two passwords differ. Type the same password twice.", fields: [{ path: "confirm", message: "does not match" }] } };
  return runAction(`/cts/${id(form)}`, (actor) => resetRootPassword(actor, id(form), { password: String(form.get("password") ?? "") }));
}
