// A root shell in the CT (`corralctl enter` on its node). The session outlives
// the page: its reconnect token in the URL (?s=) re-attaches after a refresh.
import { requirePageActor } from "@/server/access/require-page-actor";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { CtTerminal } from "../ct-terminal";

export default async function ShellPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor();
  const ct = await getCtOrThrow(actor, id);
  if (actor.role === "support") {
    return <p className="text-sm">Support staff help through the Console tab, where the customer sees you and can hand over control.</p>;
  }
  return <CtTerminal ctId={ct.id} kind="shell" role={actor.role} myEmail={actor.email} />;
}
