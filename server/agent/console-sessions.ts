// The agent's terminal sessions: `corralctl console CTID` (the CT's persistent
// console) or `corralctl enter CTID` (a root shell) on a node-pty, each with a
// scrollback ring. A session outlives the panel's viewers: it is only ended by
// its process exiting, the panel closing it, or idleMs without a viewer.
// node-pty loses the last output of a child that exits at once (node-pty issue
// 72): fine for interactive terminals, never used for complete command output.
import { spawn, type IPty } from "node-pty";
import { CONSOLE_WINDOW_BYTES, type ConsoleExitMessage, type ConsoleKind, type ConsoleOpenMessage, type ConsoleOpenReply } from "@/server/agent/console-messages";
import { listenConsoleOutput, type ConsoleOutputSocket } from "@/server/agent/console-output-socket";
import { writeToPty } from "@/server/agent/console-pty-write";
import { createConsoleRing, type ConsoleRing } from "@/server/agent/console-ring";
import type { CorralctlOptions } from "@/server/agent/run-corralctl";
import { AppError } from "@/server/errors/app-error";
import { moduleLogger } from "@/server/logger";

const log = moduleLogger("agent-console");

type Session = {
  id: string;
  ctid: number;
  kind: ConsoleKind;
  pty: IPty;
  output?: ConsoleOutputSocket; // a shell's output, when it does not come through the pty
  ring: ConsoleRing;
  attached: boolean;
  unacked: number;
  paused: boolean;
  idleMs: number;
  idleTimer?: NodeJS.Timeout;
};

const COALESCE_MAX_BYTES = 256 * 1024;
const FLOOD_BATCH_MS = 5;
const FLOOD_GAP_MS = 20;
const FLOOD_MIN_BYTES = 8192;
// After the shell's process exits, how long its last output may take to arrive.
const OUTPUT_END_GRACE_MS = 2000;

export type ConsoleSink = {
  data: (sessionId: string, chunk: Buffer) => boolean; // false: nobody to send to
  exit: (m: ConsoleExitMessage) => void;
};

export type ConsoleSessions = ReturnType<typeof createConsoleSessions>;

// corralctl's exit codes a viewer can act on (native/README.md).
const EXIT_REASONS: Record<number, string> = {
  2: "The CT does not exist on its node.",
  31: "The CT is not running. Start it first.",
  9: "The CT is locked by another operation. Try again shortly.",
};

export function createConsoleSessions(ctl: CorralctlOptions, sink: ConsoleSink) {
  const sessions = new Map<string, Session>();

  const startIdle = (s: Session) => {
    clearTimeout(s.idleTimer);
    s.idleTimer = setTimeout(() => {
      log.info({ session: s.id, ctid: s.ctid, kind: s.kind }, "console session idle without a viewer: ending it");
      end(s);
    }, s.idleMs);
    s.idleTimer.unref();
  };

  const end = (s: Session) => {
    clearTimeout(s.idleTimer);
    try {
      s.pty.kill("SIGHUP");
    } catch {
      // Already gone.
    }
  };

  const pause = (s: Session) => {
    s.paused = true;
    s.pty.pause();
    s.output?.pause();
  };
  const resume = (s: Session) => {
    s.paused = false;
    s.pty.resume();
    s.output?.resume();
  };

  const setAttached = (s: Session, attached: boolean) => {
    s.attached = attached;
    s.unacked = 0;
    if (s.paused) resume(s);
    if (attached) clearTimeout(s.idleTimer);
    else startIdle(s);
  };

  const exited = (s: Session, exitCode: number, signal: number | undefined) => {
    const reason = EXIT_REASONS[exitCode] ?? (signal ? `The session ended (signal ${signal}).` : `The session ended (exit ${exitCode}).`);
    log.info({ session: s.id, ctid: s.ctid, kind: s.kind, exitCode, signal }, "console session ended");
    sink.exit({ sessionId: s.id, exitCode, reason });
  };

  const spawnSession = (m: ReturnType<typeof ConsoleOpenMessage.parse>): Session => {
    // A shell's output comes over its own socket (console-output-socket.ts).
    const output = m.kind === "shell" ? listenConsoleOutput((d) => onOutput(d)) : undefined;
    // argv only, never a shell; -q keeps corralctl's own banners out of the stream.
    const argv = output ? ["-q", "--root", ctl.root, "enter", "--output-socket", output.path, String(m.ctid)] : ["-q", "--root", ctl.root, "console", String(m.ctid)];
    // A clean environment: nothing of the agent (its token) reaches corralctl or the CT.
    const env = { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", TERM: "xterm-256color", LANG: "C.UTF-8", CORRAL_ROOT: ctl.root };
    let pty: IPty;
    try {
      pty = spawn(ctl.bin, argv, { name: "xterm-256color", cols: m.cols, rows: m.rows, cwd: "/", env, encoding: null });
    } catch (err) {
      output?.close();
      throw err;
    }
    const s: Session = { id: m.sessionId, ctid: m.ctid, kind: m.kind, pty, output, ring: createConsoleRing(), attached: false, unacked: 0, paused: false, idleMs: m.idleMs };
    // Coalescing: a pty hands over about 4 KiB per read (a shell's output
    // socket up to 64 KiB), and one socket.io message per read costs the
    // agent, the panel and the browser a frame each (24,000 messages for
    // 100 MB from a pty). A keystroke's echo goes out at once; while output
    // streams (more than FLOOD_MIN_BYTES within FLOOD_GAP_MS of the last
    // send), reads are gathered for FLOOD_BATCH_MS (or 256 KiB) into one
    // message. Nothing is buffered beyond that: back-pressure stops reading.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let timer: NodeJS.Timeout | undefined;
    let lastSend = -Infinity;
    let streak = 0;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      if (pendingBytes === 0) return;
      const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      const now = performance.now();
      streak = now - lastSend < FLOOD_GAP_MS ? streak + chunk.length : chunk.length;
      lastSend = now;
      if (!s.attached || !sink.data(s.id, chunk)) return;
      s.unacked += chunk.length;
      // Back-pressure: stop reading until the panel's viewers catch up.
      if (!s.paused && s.unacked >= CONSOLE_WINDOW_BYTES) pause(s);
    };
    const onOutput = (chunk: Buffer) => {
      s.ring.push(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= COALESCE_MAX_BYTES) return flush();
      if (timer) return;
      const streaming = streak + pendingBytes >= FLOOD_MIN_BYTES && performance.now() - lastSend < FLOOD_GAP_MS;
      if (!streaming) return flush();
      timer = setTimeout(flush, FLOOD_BATCH_MS);
    };
    pty.onData((d: string | Buffer) => onOutput(typeof d === "string" ? Buffer.from(d) : d));
    pty.onExit(({ exitCode, signal }) => {
      clearTimeout(s.idleTimer);
      sessions.delete(s.id);
      void (output?.ended(OUTPUT_END_GRACE_MS) ?? Promise.resolve()).then(() => {
        output?.close();
        flush(); // the last output before the end
        exited(s, exitCode, signal);
      });
    });
    log.info({ session: s.id, ctid: s.ctid, kind: s.kind, pid: pty.pid }, "console session started");
    return s;
  };

  return {
    open(m: ReturnType<typeof ConsoleOpenMessage.parse>): ConsoleOpenReply {
      let s = sessions.get(m.sessionId);
      const created = !s;
      if (s && (s.ctid !== m.ctid || s.kind !== m.kind)) throw new AppError("bad_request", "The session belongs to another CT.");
      if (!s) {
        if (m.attachOnly) throw new AppError("not_found", "The session has ended.");
        s = spawnSession(m);
        sessions.set(s.id, s);
      } else {
        s.idleMs = m.idleMs;
        try {
          s.pty.resize(m.cols, m.rows);
        } catch (err) {
          log.warn({ err, session: s.id }, "resize on attach failed; ignored");
        }
      }
      const replay = s.ring.snapshot();
      setAttached(s, true);
      return { created, replay };
    },
    input(sessionId: string, data: Buffer) {
      const s = sessions.get(sessionId);
      if (s && !s.output?.write(data)) writeToPty(s.pty, data);
    },
    resize(sessionId: string, cols: number, rows: number) {
      const s = sessions.get(sessionId);
      if (!s) return;
      try {
        s.pty.resize(cols, rows);
      } catch (err) {
        // A failed resize is logged and ignored, never fatal.
        log.warn({ err, session: sessionId, cols, rows }, "resize failed; ignored");
      }
    },
    ack(sessionId: string, bytes: number) {
      const s = sessions.get(sessionId);
      if (!s) return;
      s.unacked = Math.max(0, s.unacked - bytes);
      if (s.paused && s.unacked < CONSOLE_WINDOW_BYTES / 2) resume(s);
    },
    detach(sessionId: string) {
      const s = sessions.get(sessionId);
      if (s) setAttached(s, false);
    },
    close(sessionId: string) {
      const s = sessions.get(sessionId);
      if (s) end(s);
    },
    // The panel went away: every session is viewer-less until it comes back.
    detachAll() {
      for (const s of sessions.values()) setAttached(s, false);
    },
    closeAll() {
      for (const s of sessions.values()) end(s);
    },
    count: () => sessions.size,
  };
}
