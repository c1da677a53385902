// Reads a JSON request body with a size cap, before any parsing, so an
// oversized body costs at most MAX bytes of memory.
import { AppError } from "@/server/errors/app-error";

export const MAX_BODY_BYTES = 64 * 1024;

export async function readJsonBody(req: Request, max = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  const tooBig = () => new AppError("payload_too_large", `The request body is larger than ${max / 1024} KiB.`, { fields: [{ path: "(body)", message: `at most ${max} bytes` }] });
  if (declared > max) throw tooBig();
  const reader = req.body?.getReader();
  if (!reader) return {};
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooBig();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.", { fields: [{ path: "(body)", message: "not valid JSON" }] });
  }
}
