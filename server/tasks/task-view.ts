// The plain object pages, the API and sockets get for a task (no Prisma types).
import type { Task } from "@/server/generated/prisma/client";

export type TaskView = {
  id: string;
  kind: string;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  progress: number;
  ctId: string | null;
  nodeId: string | null;
  tenantId: string | null;
  error: string | null;
  log: string[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export function taskView(t: Task): TaskView {
  return {
    id: t.id,
    kind: t.kind,
    status: t.status.toLowerCase() as TaskView["status"],
    progress: t.progress,
    ctId: t.ctId,
    nodeId: t.nodeId,
    tenantId: t.tenantId,
    error: t.error,
    log: t.log,
    createdAt: t.createdAt.toISOString(),
    startedAt: t.startedAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
  };
}
