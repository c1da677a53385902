// Replays a recorded support session in the browser (asciicast v2).
import { notFound } from "next/navigation";
import { CastPlayer } from "@/components/terminal/cast-player";
import { requirePageActor } from "@/server/access/require-page-actor";
import { readConsoleRecording } from "@/server/console/read-console-recording";
import { AppError } from "@/server/errors/app-error";

export default async function RecordingPage({ params }: { params: Promise<{ id: string; sessionId: string }> }) {
  const { id, sessionId } = await params;
  const actor = await requirePageActor();
  const rec = await readConsoleRecording(actor, id, sessionId).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return (
    <section className="space-y-3">
      <h2 className="text-lg font-semibold">Support session of {new Date(rec.startedAt).toUTCString()}</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {rec.userName} ({rec.userEmail}){rec.reason ? `: ${rec.reason}` : ""}
      </p>
      <CastPlayer cast={rec.cast} />
    </section>
  );
}
