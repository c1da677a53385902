// GET /api/v1/tasks/[id] - a task with its progress and log
import { apiRoute } from "@/server/http/api-route";
import { getTask } from "@/server/tasks/get-task";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/tasks/{id}", ({ actor, params }) => getTask(actor, params.id!));
