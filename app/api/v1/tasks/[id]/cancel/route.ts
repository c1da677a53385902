// POST /api/v1/tasks/[id]/cancel - cancel a task that has not started
import { apiRoute } from "@/server/http/api-route";
import { cancelTask } from "@/server/tasks/cancel-task";
import { taskView } from "@/server/tasks/task-view";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/tasks/{id}/cancel", async ({ actor, params }) => taskView(await cancelTask(actor, params.id!)));
