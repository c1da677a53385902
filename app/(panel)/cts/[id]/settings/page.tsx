import { ActionForm } from "@/components/ui/action-form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextInput } from "@/components/ui/text-input";
import { requirePageActor } from "@/server/access/require-page-actor";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { changeSettingsAction, destroyAction, reinstallAction, resetPasswordAction } from "./actions";

const card = "rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900";

export default async function CtSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor();
  const ct = await getCtOrThrow(actor, id);
  if (actor.role === "support") return <p className="text-slate-600 dark:text-slate-400">Support staff can read this CT but not change it.</p>;
  const owner = actor.role === "admin" || actor.role === "owner";
  return (
    <div className="space-y-6">
      <section className={card} aria-labelledby="general">
        <h2 id="general" className="text-lg font-medium">
          General
        </h2>
        <ActionForm action={changeSettingsAction} label="CT settings" className="mt-4 grid max-w-xl gap-4" success={<p className="text-sm text-emerald-700 dark:text-emerald-400">Saved. The node applies it now.</p>} resetOnSuccess={false}>
          <input type="hidden" name="ctId" value={ct.id} />
          <TextInput label="Hostname" name="hostname" defaultValue={ct.hostname} required />
          <TextInput label="Nameservers (space separated)" name="nameservers" defaultValue={ct.nameservers.join(" ")} placeholder="192.0.2.53 198.51.100.53" />
          <div>
            <SubmitButton pendingText="Saving…">Save</SubmitButton>
          </div>
        </ActionForm>
      </section>

      {owner && (
        <section className={card} aria-labelledby="password">
          <h2 id="password" className="text-lg font-medium">
            Root password
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Sets a new password for root inside the CT, running or stopped. Corral does not keep it.</p>
          <ActionForm action={resetPasswordAction} label="Root password" className="mt-4 grid max-w-xl gap-4" success={<p className="text-sm text-emerald-700 dark:text-emerald-400">The root password was changed.</p>}>
            <input type="hidden" name="ctId" value={ct.id} />
            <TextInput label="New root password" name="password" type="password" required />
            <TextInput label="Type it again" name="confirm" type="password" required />
            <div>
              <SubmitButton pendingText="Setting…">Set root password</SubmitButton>
            </div>
          </ActionForm>
        </section>
      )}

      {owner && (
        <section className={`${card} border-amber-300 dark:border-amber-800`} aria-labelledby="reinstall">
          <h2 id="reinstall" className="text-lg font-medium">
            Reinstall
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600 dark:text-slate-400">
            A fresh system from a template. Addresses, limits and the hostname stay; every file inside the CT is erased. Stop the CT first.
          </p>
          <ConfirmDialog tone="warning" trigger="Reinstall…" title={`Reinstall ${ct.hostname}?`} description="Every file inside the CT is erased and replaced by a fresh system from the template. Addresses, limits and the hostname stay.">
            <ActionForm action={reinstallAction} label="Reinstall" className="mt-4 grid gap-4" success={<p className="text-sm text-emerald-700 dark:text-emerald-400">Reinstall queued. Follow it under Activity.</p>}>
              <input type="hidden" name="ctId" value={ct.id} />
              <TextInput label="Template" name="ostemplate" defaultValue={ct.ostemplate} />
              <TextInput label={`Type ${ct.hostname} to confirm`} name="confirmHostname" required />
              <div className="flex justify-end">
                <SubmitButton tone="danger" pendingText="Queuing…">
                  Reinstall
                </SubmitButton>
              </div>
            </ActionForm>
          </ConfirmDialog>
        </section>
      )}

      {owner && (
        <section className={`${card} border-red-300 dark:border-red-900`} aria-labelledby="destroy">
          <h2 id="destroy" className="text-lg font-medium text-red-700 dark:text-red-400">
            Destroy
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600 dark:text-slate-400">Deletes the CT, its disk and its files. Its addresses return to the pool. This cannot be undone.</p>
          <ConfirmDialog trigger="Destroy this CT…" title={`Destroy ${ct.hostname}?`} description="The CT, its disk and every file in it are deleted, and its addresses return to the pool. This cannot be undone.">
            <ActionForm action={destroyAction} label="Destroy" className="mt-4 grid gap-4">
              <input type="hidden" name="ctId" value={ct.id} />
              <input type="hidden" name="hostname" value={ct.hostname} />
              <TextInput label={`Type ${ct.hostname} to confirm`} name="confirmHostname" required />
              <div className="flex justify-end">
                <SubmitButton tone="danger" pendingText="Destroying…">
                  Destroy this CT
                </SubmitButton>
              </div>
            </ActionForm>
          </ConfirmDialog>
        </section>
      )}
    </div>
  );
}
