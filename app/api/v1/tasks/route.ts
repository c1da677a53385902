// GET /api/v1/tasks - tasks, newest first, filtered and paged by cursor
import { apiRoute } from "@/server/http/api-route";
import { searchTasks } from "@/server/tasks/search-tasks";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/tasks", ({ actor, query }) => searchTasks(actor, query));
