import type { Metadata } from "next";
import { isStaff } from "@/server/access/actor";
import { requirePageActor } from "@/server/access/require-page-actor";
import { getTwoFactorStatus } from "@/server/users/get-two-factor-status";
import { PageHeader } from "@/components/ui/page-header";
import { TotpSetup } from "./totp-setup";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const actor = await requirePageActor();
  const enabled = await getTwoFactorStatus(actor);
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-6">
      <PageHeader title="Security" />
      <section className="space-y-3">
        <h2 className="text-lg font-medium">Two-factor authentication</h2>
        {isStaff(actor) && !enabled && <p className="text-sm text-amber-700">Staff accounts should use an authenticator app: support and admin can see every tenant.</p>}
        <TotpSetup enabled={enabled} />
      </section>
    </main>
  );
}
