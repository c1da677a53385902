// POST /templates/upload?node=ID&name=NAME[&replace=1] - import the request body
// (a rootfs tarball) as a template on that node. The body streams through to
// the node; Content-Length is required so the size cap holds before any byte
// is read. Answers the template, or the one error shape.
import { actorFromRequest } from "@/server/access/actor-from-request";
import { AppError } from "@/server/errors/app-error";
import { toErrorBody } from "@/server/errors/to-error-body";
import { importTemplate } from "@/server/templates/import-template";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  try {
    const actor = await actorFromRequest(req);
    if (!actor) throw new AppError("unauthorized", "Your session has ended. Log in again.");
    const url = new URL(req.url);
    const length = req.headers.get("content-length");
    if (length === null || !/^\d{1,15}$/.test(length)) throw new AppError("bad_request", "The upload did not say how large it is. Upload the file from the Templates page.");
    if (!req.body) throw new AppError("bad_request", "The file is empty. Choose a .tar, .tar.gz, .tar.xz or .tar.zst of a root filesystem.");
    const template = await importTemplate(actor, {
      nodeId: url.searchParams.get("node") ?? "",
      name: url.searchParams.get("name") ?? "",
      replace: url.searchParams.get("replace") === "1",
      size: Number(length),
      body: req.body as unknown as AsyncIterable<Uint8Array>,
    });
    return Response.json({ template });
  } catch (err) {
    const { status, body } = toErrorBody(err);
    return Response.json(body, { status });
  }
}
