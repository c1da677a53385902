import type { Metadata } from "next";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listTasks } from "@/server/tasks/list-tasks";
import { PageHeader } from "@/components/ui/page-header";
import { TaskList } from "./task-list";

export const metadata: Metadata = { title: "Tasks" };
export const dynamic = "force-dynamic";

export default async function TasksPage() {
  const actor = await requirePageActor();
  const tasks = await listTasks(actor);
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-6">
      <PageHeader title="Tasks" />
      <TaskList initial={tasks} />
    </main>
  );
}
