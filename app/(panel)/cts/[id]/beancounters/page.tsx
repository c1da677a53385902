// The CT's beancounters tab: vzubc's table, explained row by row.
import { notFound } from "next/navigation";
import { requirePageActor } from "@/server/access/require-page-actor";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { AppError } from "@/server/errors/app-error";
import { BeancounterTable } from "./beancounter-table";

export default async function CtBeancountersPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor();
  const ct = await getCtOrThrow(actor, id).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return <BeancounterTable ctId={ct.id} />;
}
