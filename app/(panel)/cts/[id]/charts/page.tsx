// The CT's charts tab: live usage every second, and stored history by range.
import { notFound } from "next/navigation";
import { requirePageActor } from "@/server/access/require-page-actor";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { AppError } from "@/server/errors/app-error";
import { ChartsView } from "./charts-view";

export default async function CtChartsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor();
  const ct = await getCtOrThrow(actor, id).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return <ChartsView ctId={ct.id} running={ct.state === "RUNNING"} />;
}
