// Terminal bytes between the panel and a node agent (`console:input`,
// `console:data`) in one of two forms. Binary: socket.io sends a header packet
// and the attachment, two websocket frames, each parsed, framed and (agent
// side) masked on its own. Text: a small chunk as a latin1 string, one char
// per byte, in the event's own frame; every keystroke and its echo is one
// such chunk, so each goes as one websocket message instead of two
// (bench/console: 5-10% less panel and agent CPU per key). Text is used
// only once the other side said it reads it (CONSOLE_TEXT_FEATURE in the
// agent's hello and the panel's reply), so an older panel or agent keeps
// getting binary; bulk output stays binary, where one frame of raw bytes is
// cheaper than a JSON string.
import { CONSOLE_MAX_INPUT_BYTES } from "@/server/agent/console-messages";

// The hello feature both sides name: "I read terminal bytes as latin1 text".
export const CONSOLE_TEXT_FEATURE = "console-text";
// Chunks up to this size go as text when the other side reads it: a key's
// echo, a prompt, a line. Larger output is bulk; JSON would escape its control
// bytes to six each and send bytes over 0x7f as two.
export const CONSOLE_TEXT_MAX_BYTES = 1024;

// Any char above 0xff would not be one byte: such a string is refused, not mangled.
const NOT_LATIN1 = /[^\x00-\xff]/;

export function toWireChunk(chunk: Buffer, textOk: boolean): Buffer | string {
  return textOk && chunk.length <= CONSOLE_TEXT_MAX_BYTES ? chunk.toString("latin1") : chunk;
}

// The bytes of a received chunk in either form; undefined for anything else,
// a chunk over maxBytes, or text that is not one byte per char.
export function fromWireChunk(raw: unknown, maxBytes = CONSOLE_MAX_INPUT_BYTES): Buffer | undefined {
  if (Buffer.isBuffer(raw)) return raw.length <= maxBytes ? raw : undefined;
  if (typeof raw !== "string" || raw.length > maxBytes || NOT_LATIN1.test(raw)) return undefined;
  return Buffer.from(raw, "latin1");
}
