// Records a terminal session as asciicast v2 (header line, then
// [seconds, "o"|"i"|"r", text] lines), the format asciinema players read.
// Bytes are decoded as a UTF-8 stream so a character split across chunks
// stays whole. Writes are appended in order; errors disable the recording,
// never the session.
import fs from "node:fs";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { moduleLogger } from "@/server/logger";

const log = moduleLogger("console-recording");

export type ConsoleRecording = {
  path: string;
  output: (chunk: Buffer) => void;
  input: (chunk: Buffer) => void;
  resize: (cols: number, rows: number) => void;
  close: () => void;
};

export function createConsoleRecording(file: string, o: { cols: number; rows: number; title: string }): ConsoleRecording {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const out = fs.createWriteStream(file, { flags: "wx", mode: 0o600 });
  let broken = false;
  out.on("error", (err) => {
    broken = true;
    log.error({ err, file }, "console recording failed; the session goes on unrecorded");
  });
  const started = Date.now();
  out.write(`${JSON.stringify({ version: 2, width: o.cols, height: o.rows, timestamp: Math.floor(started / 1000), title: o.title, env: { TERM: "xterm-256color" } })}\n`);
  const outDec = new StringDecoder("utf8");
  const inDec = new StringDecoder("utf8");
  const line = (code: string, text: string) => {
    if (broken || !text) return;
    out.write(`${JSON.stringify([Number(((Date.now() - started) / 1000).toFixed(6)), code, text])}\n`);
  };
  return {
    path: file,
    output: (chunk) => line("o", outDec.write(chunk)),
    input: (chunk) => line("i", inDec.write(chunk)),
    resize: (cols, rows) => line("r", `${cols}x${rows}`),
    close: () => {
      line("o", outDec.end());
      out.end();
    },
  };
}
