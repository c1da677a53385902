"use client";
// A CT's console or shell tab: the generic terminal wired to /console. Shows
// who else is viewing (the customer sees support staff by name), lets the
// customer hand over control, and keeps the shell's reconnect token in the URL
// so a refresh re-attaches to the same shell.
import { useCallback, useRef, useState } from "react";
import { ActionDialog } from "@/components/ui/action-dialog";
import { TerminalView, type TerminalHandle } from "@/components/terminal/terminal-view";
import { RetryLater, useConsoleSocket } from "@/components/terminal/use-console-socket";
import type { ConsoleStatus, ConsoleViewer } from "@/server/realtime/console-control";
import { openConsoleTicket } from "./console-actions";

type Props = { ctId: string; kind: "console" | "shell"; role: string; myEmail: string; reason?: string };

function tokenFromUrl(): string | undefined {
  if (typeof window === "undefined") return undefined;
  return new URL(window.location.href).searchParams.get("s") ?? undefined;
}

// A refusal comes back as { error } and is final; a thrown error means the
// request itself failed (Chromium aborts requests with ERR_NETWORK_CHANGED
// whenever an interface appears on the machine, e.g. a CT's veth on a panel
// at localhost), so it is tried again a few times before the terminal gives up.
async function ticketWithRetry(ctId: string, kind: "console" | "shell", reason?: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await openConsoleTicket(ctId, kind, reason);
    } catch (err) {
      if (attempt >= 4) throw new RetryLater(`The panel could not be reached (${err instanceof Error ? err.message : String(err)}). Retrying; check your connection.`);
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}

export function CtTerminal({ ctId, kind, role, myEmail, reason }: Props) {
  const term = useRef<TerminalHandle | null>(null);
  const pending = useRef<{ data: Uint8Array; done: () => void }[]>([]);
  const size = useRef({ cols: 80, rows: 24 });
  const [viewers, setViewers] = useState<ConsoleViewer[]>([]);
  const [handover, setHandover] = useState(false);
  const [readOnlyAtAttach, setReadOnlyAtAttach] = useState(role === "support");
  const [ended, setEnded] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmReboot, setConfirmReboot] = useState(false);
  // The key bar's button opened the dialog; focus goes back to it on close.
  const rebootOpener = useRef<HTMLElement | null>(null);
  const isCustomer = role === "owner" || role === "member";

  const sock = useConsoleSocket({
    namespace: "/console",
    getAuth: async () => {
      const r = await ticketWithRetry(ctId, kind, reason);
      if (!r.ticket) throw new Error(r.error?.message ?? "The terminal could not be opened.");
      return { ticket: r.ticket, ctId, kind, session: kind === "shell" ? tokenFromUrl() : undefined, ...size.current };
    },
    onConnect: (control) => {
      setEnded(null);
      term.current?.reset();
      // The handshake carried the size known when its ticket was asked for;
      // the terminal may have been fitted since (its first fit usually lands
      // while the ticket is on its way, when a resize has no socket to go to).
      control({ type: "resize", ...size.current });
    },
    onData: (data, done) => {
      if (term.current) term.current.write(data, done);
      else pending.current.push({ data, done });
    },
    onStatus: (raw) => {
      const s = raw as ConsoleStatus;
      if (s.type === "attached") {
        setReadOnlyAtAttach(s.readOnly);
        if (s.token) {
          const url = new URL(window.location.href);
          url.searchParams.set("s", s.token);
          window.history.replaceState(window.history.state, "", url);
        }
      } else if (s.type === "viewers") {
        setViewers(s.viewers);
        setHandover(s.handover);
      } else if (s.type === "ended" || s.type === "refused") {
        setEnded(s.type === "ended" ? s.reason : s.message);
        if (s.type === "ended" && kind === "shell") {
          // The shell is gone: the next connect starts a new one.
          const url = new URL(window.location.href);
          url.searchParams.delete("s");
          window.history.replaceState(window.history.state, "", url);
        }
        return "final";
      }
    },
  });

  const setHandle = useCallback((h: TerminalHandle | null) => {
    term.current = h;
    if (h) for (const p of pending.current.splice(0)) h.write(p.data, p.done);
  }, []);

  const readOnly = readOnlyAtAttach && !handover;
  const others = viewers.filter((v) => v.email !== myEmail);
  const staff = others.filter((v) => v.role === "support" || v.role === "admin");

  const ctrlAltDel = async () => {
    setConfirmReboot(false);
    const r = (await sock.control({ type: "ctrl-alt-del" })) as { ok: boolean; error?: { message: string } };
    setNotice(r.ok ? "Rebooting the CT…" : (r.error?.message ?? "The CT could not be rebooted."));
  };

  return (
    <section className="space-y-3">
      {staff.length > 0 && (
        <div role="alert" data-testid="viewer-banner" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          <span>
            {staff.map((v) => `${v.name} (${v.email}, ${v.role === "support" ? "support" : "administrator"})`).join(", ")} {staff.length === 1 ? "is" : "are"} viewing this CT&apos;s {staff.some((v) => v.kind === "console") ? "console" : "shell"}
            {staff[0]?.reason ? `: ${staff[0].reason}` : ""}.{" "}
            {staff.some((v) => v.role === "support") && (handover ? "They can type." : "They cannot type.")}
          </span>
          {isCustomer && staff.some((v) => v.role === "support") && (
            <button type="button" className="rounded border border-amber-400 px-2 py-0.5 text-xs hover:bg-amber-100 dark:hover:bg-amber-900" onClick={() => void sock.control({ type: "handover", allow: !handover })}>
              {handover ? "Take back control" : "Hand over control"}
            </button>
          )}
        </div>
      )}
      {role === "support" && (
        <p data-testid="support-mode" className="rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
          {readOnly ? "Read-only: the customer has not handed over control." : "The customer handed over control: you can type."} Reason given: {reason}
        </p>
      )}
      {(ended || sock.error) && (
        <div role="alert" className="flex items-center gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          <span>{ended ?? sock.error}</span>
          <button type="button" className="rounded border border-red-300 px-2 py-0.5 text-xs" onClick={sock.reconnect}>
            {kind === "shell" ? "Open a new shell" : "Reconnect"}
          </button>
        </div>
      )}
      {notice && <p role="status" className="text-sm">{notice}</p>}
      <TerminalView
        status={sock.status}
        readOnly={readOnly}
        label={kind === "shell" ? "Shell" : "Console"}
        handle={setHandle}
        onInput={(d) => sock.send(d)}
        onResize={(cols, rows) => {
          size.current = { cols, rows };
          void sock.control({ type: "resize", cols, rows });
        }}
        onCtrlAltDel={
          isCustomer || role === "admin"
            ? () => {
                rebootOpener.current = document.activeElement as HTMLElement | null;
                setConfirmReboot(true);
              }
            : undefined
        }
      />
      <ActionDialog
        open={confirmReboot}
        onOpenChange={setConfirmReboot}
        title="Reboot the CT?"
        description="Ctrl-Alt-Del reboots the CT now. Unsaved work in it is lost."
        actionLabel="Reboot"
        onAction={() => void ctrlAltDel()}
        returnFocusTo={rebootOpener}
      />
    </section>
  );
}
