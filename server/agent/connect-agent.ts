// The node agent's connection to the panel: it dials out (so nodes behind NAT
// work), authenticates with its node token, says hello with its facts and the
// tasks it holds, then runs the tasks the panel sends and reports CT states.
// A lost connection is retried with backoff; nothing here ever stops a CT.
import { io, type Socket } from "socket.io-client";
import { z } from "zod";
import {
  CtRow,
  MigrateOp,
  TaskRunMessage,
  type AckReply,
  type HelloMessage,
  type TaskOutcome,
} from "@/server/agent/agent-messages";
import { ackReply } from "@/server/agent/ack-reply";
import type { CtChangesMessage } from "@/server/agent/ct-changes-message";
import { diffCtRows } from "@/server/agent/diff-ct-rows";
import { collectNodeFacts } from "@/server/agent/collect-node-facts";
import { registerConsoleHandlers } from "@/server/agent/console-handlers";
import { CONSOLE_TEXT_FEATURE } from "@/server/agent/console-wire-chunk";
import { createCrashLoopDetector } from "@/server/agent/detect-crash-loop";
import { getNodeCt } from "@/server/agent/get-node-ct";
import { judgeLostTask } from "@/server/agent/judge-lost-task";
import { listNodeCts } from "@/server/agent/list-node-cts";
import { handleMigrateOp } from "@/server/agent/migrate-transfer";
import { listTemplates } from "@/server/agent/list-templates";
import { TemplateUploadOp, handleTemplateUpload } from "@/server/agent/template-upload";
import { runAgentTask } from "@/server/agent/run-agent-task";
import { SetPasswordMessage, setCtPassword } from "@/server/agent/set-ct-password";
import { stopCrashLoopingCt } from "@/server/agent/stop-crash-looping-ct";
import type { CorralctlOptions } from "@/server/agent/run-corralctl";
import { serveMetrics } from "@/server/agent/serve-metrics";
import { openTaskJournal } from "@/server/agent/task-journal";
import { moduleLogger } from "@/server/logger";
import { CORRAL_VERSION } from "@/server/version";

const log = moduleLogger("agent");

export type AgentOptions = {
  panelUrl: string;
  token: string;
  root: string;
  corralctl: string;
  watchIntervalMs?: number;
  metricsIntervalMs?: number;
};

export type Agent = { socket: Socket; stop: () => void };

const ACK_TIMEOUT_MS = 15_000;

export function connectAgent(o: AgentOptions): Agent {
  const ctl: CorralctlOptions = { bin: o.corralctl, root: o.root };
  const journal = openTaskJournal(o.root);
  const crashLoops = createCrashLoopDetector();
  const running = new Set<string>();
  let stopped = false;
  let retry = 0;
  // Whether the connected panel said, in its hello reply, that it reads console
  // chunks as text (an older panel says nothing). A boolean: it is read per chunk.
  let panelReadsText = false;

  // Tasks an earlier agent process accepted and never finished: judge them
  // from the CT's real state now, so the hello reports an honest outcome.
  const resolveLost = async () => {
    for (const e of journal.entries()) {
      if (e.outcome || running.has(e.taskId)) continue;
      const ctid = "ctid" in e.spec ? e.spec.ctid : undefined;
      const ct = ctid !== undefined ? await getNodeCt(ctid, ctl).catch(() => null) : null;
      journal.finish(judgeLostTask(e.taskId, e.spec, ct));
    }
  };

  const socket = io(`${o.panelUrl.replace(/\/$/, "")}/agents`, {
    auth: { token: o.token },
    transports: ["websocket"],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 30_000,
    randomizationFactor: 0.5,
    timeout: 10_000,
  });

  const sendDone = async (outcome: TaskOutcome) => {
    if (!socket.connected) return; // kept in the journal; the next hello carries it
    const r = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("task:done", outcome).catch(() => null)) as AckReply | null;
    if (r?.ok) journal.remove(outcome.taskId);
  };

  socket.on("connect", async () => {
    retry = 0;
    panelReadsText = false;
    try {
      await resolveLost();
      const entries = journal.entries();
      const hello: HelloMessage = {
        agentVersion: CORRAL_VERSION,
        ...collectNodeFacts(o.root),
        runningTasks: entries.filter((e) => !e.outcome).map((e) => e.taskId),
        finishedTasks: entries.flatMap((e) => (e.outcome ? [e.outcome] : [])),
        features: [CONSOLE_TEXT_FEATURE],
      };
      const r = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("hello", hello)) as AckReply<{ recorded: string[]; features?: unknown }>;
      if (!r.ok) return log.error({ error: r.error }, "panel refused the hello");
      panelReadsText = Array.isArray(r.value.features) && r.value.features.includes(CONSOLE_TEXT_FEATURE);
      for (const id of r.value.recorded) journal.remove(id);
      log.info({ panel: o.panelUrl }, "connected to the panel");
      void watch(true);
    } catch (err) {
      log.warn({ err }, "hello not acknowledged; reconnecting");
      socket.disconnect().connect();
    }
  });

  socket.on("connect_error", (err) => {
    retry++;
    log.warn({ reason: err.message, retry }, "cannot reach the panel; retrying");
  });

  socket.on("disconnect", (reason) => {
    panelReadsText = false;
    log.warn({ reason }, "disconnected from the panel");
    // The panel closed us (restart, or revoked token): socket.io does not
    // retry these by itself. Come back after a pause; a revoked token is then
    // refused at the handshake and logged, and the CTs keep running.
    if (reason === "io server disconnect" && !stopped) setTimeout(() => !stopped && socket.connect(), 2000 + Math.random() * 2000);
  });

  socket.on(
    "task:run",
    ackReply(TaskRunMessage, async ({ taskId, spec }) => {
      // A redelivered task (the first ack was lost) runs once.
      if (running.has(taskId) || journal.entries().some((e) => e.taskId === taskId)) return { accepted: true, duplicate: true };
      journal.add(taskId, spec);
      running.add(taskId);
      void (async () => {
        const outcome = await runAgentTask(taskId, spec, ctl, (p) => {
          if (socket.connected) socket.emit("task:progress", { taskId, ...p });
        });
        journal.finish(outcome);
        running.delete(taskId);
        await sendDone(outcome);
      })();
      return { accepted: true };
    }, (issues) => log.warn({ issues }, "refused a malformed task from the panel")),
  );

  socket.on("ct:list", ackReply(z.object({}).optional(), () => listNodeCts(ctl)));
  // Synchronous, unjournaled: the password must not be written anywhere on the node.
  socket.on("ct:set-password", ackReply(SetPasswordMessage, (m) => setCtPassword(m, ctl)));
  // Browser consoles and shells (console-handlers.ts): node-pty sessions relayed as terminal bytes.
  const consoles = registerConsoleHandlers(socket, ctl, () => panelReadsText);
  // Template caches: the list for the Templates page, and imports streamed from the browser.
  socket.on("template:list", ackReply(z.object({}).optional(), () => listTemplates(ctl)));
  socket.on("template:upload", ackReply(TemplateUploadOp, (op) => handleTemplateUpload(op, ctl), (issues) => log.warn({ issues }, "refused a malformed template upload op")));
  socket.on("migrate", ackReply(MigrateOp, (op) => handleMigrateOp(op, ctl), (issues) => log.warn({ issues }, "refused a malformed migrate op")));

  // Sends CT states when they change: the rows that changed as `ct:changes`,
  // the whole list on connect, after a crash-loop stop and at least every
  // 30 s (which also corrects a panel that missed a change). Stops a CT that
  // restarts in a loop. Started on each connect; one loop at a time. One
  // `corralctl list` per pass, whatever the number of CTs (list-node-cts.ts).
  let lastSent = new Map<number, string>();
  let lastSentAt = 0;
  let watching = false;
  // CTs this agent stopped for crash-looping: their rows keep saying why until they run again.
  const crashStopped = new Map<number, string>();
  const watch = async (force = false) => {
    if (watching || stopped || !socket.connected) return;
    watching = true;
    try {
      let listedAt = Date.now();
      let cts = await listNodeCts(ctl);
      let stoppedSome = false;
      for (const ct of cts) {
        if (ct.status === "running" && crashStopped.delete(ct.ctid)) crashLoops.forget(ct.ctid); // started again: count afresh
        if (crashLoops.sample(ct.ctid, { running: ct.status === "running", reboots: ct.reboots, started: ct.started })) {
          const reason = "restarted 10 times within a minute (crash loop); stopped by the node agent";
          log.warn({ ctid: ct.ctid }, reason);
          await stopCrashLoopingCt(ct.ctid, ctl);
          crashStopped.set(ct.ctid, reason);
          // Acknowledged before the states below go out, so the panel flags the CT before it hears it stopped.
          await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("ct:flagged", { ctid: ct.ctid, reason }).catch((err) => log.warn({ err, ctid: ct.ctid }, "crash-loop flag not acknowledged"));
          stoppedSome = true;
          force = true;
        }
      }
      // Report what the node has now, not the rows listed before the stops.
      if (stoppedSome) {
        listedAt = Date.now();
        cts = await listNodeCts(ctl);
      }
      for (const id of crashStopped.keys()) if (!cts.some((c) => c.ctid === id)) crashStopped.delete(id); // destroyed
      const rows: CtRow[] = cts.map((c) => CtRow.parse(c.status === "running" || !crashStopped.has(c.ctid) ? c : { ...c, stop_reason: crashStopped.get(c.ctid) }));
      const { seen, changed, gone } = diffCtRows(lastSent, rows);
      if (force || Date.now() - lastSentAt > 30_000) {
        socket.emit("ct:states", { cts: rows, listedAt });
        lastSentAt = Date.now();
      } else if (changed.length || gone.length) socket.emit("ct:changes", { cts: changed, gone, listedAt } satisfies CtChangesMessage);
      lastSent = seen;
    } catch (err) {
      log.warn({ err }, "listing CTs failed");
    } finally {
      watching = false;
    }
  };
  const timer = setInterval(() => void watch(), o.watchIntervalMs ?? 3000);
  const stopMetrics = serveMetrics(socket, ctl, o.metricsIntervalMs);

  return {
    socket,
    stop: () => {
      stopped = true;
      clearInterval(timer);
      consoles.stop();
      stopMetrics();
      socket.close();
    },
  };
}
