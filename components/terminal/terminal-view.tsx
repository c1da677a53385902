"use client";
// A generic xterm.js terminal: fit, search, web links; copy and paste from the
// toolbar and the keyboard (Ctrl+Shift+C / Ctrl+V, Ctrl+Shift+V) with a confirmation
// for multi-line pastes; a key bar; font size. Knows nothing of CTs. Output is
// only ever rendered as terminal text; OSC 52 (clipboard writes) is swallowed.
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef, useState } from "react";
import type { Terminal } from "@xterm/xterm";
import type { FitAddon } from "@xterm/addon-fit";
import type { SearchAddon } from "@xterm/addon-search";
import { KeyBar } from "@/components/terminal/key-bar";

export type TerminalHandle = { write: (data: Uint8Array, done: () => void) => void; reset: () => void; focus: () => void };

type Props = {
  status: string;
  readOnly?: boolean;
  onInput: (data: string) => void;
  onResize?: (cols: number, rows: number) => void;
  onCtrlAltDel?: () => void;
  handle: (h: TerminalHandle | null) => void;
  label: string;
};

const FONT_KEY = "corral.terminal.fontSize";

export function TerminalView({ status, readOnly, onInput, onResize, onCtrlAltDel, handle, label }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const cb = useRef({ onInput, onResize, readOnly, handle });
  const [fontSize, setFontSize] = useState(14);
  const [query, setQuery] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    cb.current = { onInput, onResize, readOnly, handle };
  });

  const paste = (text: string) => {
    if (!text || cb.current.readOnly) return;
    // A trailing newline ends the last line; it does not start another.
    const lines = text.replace(/\r?\n$/, "").split(/\r\n|\r|\n/).length;
    if (lines > 1 && !window.confirm(`Paste ${lines} lines into the terminal?`)) return;
    termRef.current?.paste(text);
  };
  const pasteRef = useRef(paste);
  useEffect(() => {
    pasteRef.current = paste;
  });

  useEffect(() => {
    let disposed = false;
    let ro: ResizeObserver | undefined;
    void (async () => {
      const [{ Terminal }, { FitAddon }, { SearchAddon }, { WebLinksAddon }] = await Promise.all([
        import("@xterm/xterm"),
        import("@xterm/addon-fit"),
        import("@xterm/addon-search"),
        import("@xterm/addon-web-links"),
      ]);
      if (disposed || !boxRef.current) return;
      const saved = Number(window.localStorage.getItem(FONT_KEY));
      const term = new Terminal({ fontSize: saved >= 8 && saved <= 32 ? saved : 14, scrollback: 5000, convertEol: false, cursorBlink: true, fontFamily: "ui-monospace, Menlo, Consolas, monospace" });
      if (saved >= 8 && saved <= 32) setFontSize(saved);
      const fit = new FitAddon();
      const search = new SearchAddon();
      term.loadAddon(fit);
      term.loadAddon(search);
      // Links open only on click, in a new tab without access to this page.
      term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, "_blank", "noopener,noreferrer")));
      // A hostile CT must not write the viewer's clipboard.
      term.parser.registerOscHandler(52, () => true);
      term.attachCustomKeyEventHandler((e) => {
        if (e.type !== "keydown" || !e.ctrlKey || e.altKey || e.metaKey) return true;
        // Ctrl+V and Ctrl+Shift+V paste as in any text field (as Windows
        // Terminal does; the shell's rarely used literal-next ^V is given up):
        // xterm leaves the key alone and the browser's own paste event comes
        // to the listener below. Reading the clipboard here as well would
        // paste twice, since Chromium fires that event for both keys.
        if (e.code === "KeyV") return false;
        if (e.code === "KeyC" && e.shiftKey) {
          if (term.hasSelection()) void navigator.clipboard?.writeText(term.getSelection());
          return false;
        }
        return true;
      });
      term.open(boxRef.current);
      // Every paste (Ctrl+V, Ctrl+Shift+V, middle click, context menu) comes
      // here; a multi-line one asks first.
      boxRef.current.addEventListener(
        "paste",
        (e) => {
          e.preventDefault();
          e.stopPropagation();
          pasteRef.current(e.clipboardData?.getData("text/plain") ?? "");
        },
        true,
      );
      term.onData((d) => {
        if (!cb.current.readOnly) cb.current.onInput(d);
      });
      term.onResize(({ cols, rows }) => cb.current.onResize?.(cols, rows));
      termRef.current = term;
      fitRef.current = fit;
      searchRef.current = search;
      fit.fit();
      ro = new ResizeObserver(() => fit.fit());
      ro.observe(boxRef.current);
      cb.current.handle({
        write: (data, done) => term.write(data, done),
        // Clear on every (re)connect: the server replays its scrollback, so old rows would repeat.
        reset: () => term.reset(),
        focus: () => term.focus(),
      });
      term.focus();
    })();
    return () => {
      disposed = true;
      ro?.disconnect();
      cb.current.handle(null);
      termRef.current?.dispose();
      termRef.current = null;
    };
  }, []);

  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    term.options.fontSize = fontSize;
    window.localStorage.setItem(FONT_KEY, String(fontSize));
    fitRef.current?.fit();
  }, [fontSize]);

  const copy = async () => {
    const t = termRef.current;
    if (!t?.hasSelection()) return setNotice("Select text in the terminal first.");
    await navigator.clipboard?.writeText(t.getSelection());
    setNotice("Copied.");
  };
  const pasteFromClipboard = async () => {
    try {
      paste((await navigator.clipboard?.readText()) ?? "");
    } catch {
      setNotice("The browser did not allow reading the clipboard. Use Ctrl+V.");
    }
  };
  const btn = "rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

  return (
    <div data-testid="terminal" data-status={status} aria-label={label} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={btn} onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className={btn} disabled={readOnly} onClick={() => void pasteFromClipboard()}>
          Paste
        </button>
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            searchRef.current?.findNext(query);
          }}
        >
          <input aria-label="Search the terminal" placeholder="Search" value={query} onChange={(e) => setQuery(e.target.value)} className="w-36 rounded border border-slate-300 px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900" />
          <button type="button" className={btn} onClick={() => searchRef.current?.findPrevious(query)} aria-label="Previous match">
            ↑
          </button>
          <button type="submit" className={btn} aria-label="Next match">
            ↓
          </button>
        </form>
        <span className="flex items-center gap-1 text-xs">
          <button type="button" className={btn} aria-label="Smaller font" onClick={() => setFontSize((s) => Math.max(8, s - 1))}>
            A−
          </button>
          <span aria-label="Font size">{fontSize}px</span>
          <button type="button" className={btn} aria-label="Larger font" onClick={() => setFontSize((s) => Math.min(32, s + 1))}>
            A+
          </button>
        </span>
        <span className="ml-auto text-xs text-slate-500" data-testid="terminal-status">
          {status}
          {readOnly ? " · read-only" : ""}
        </span>
      </div>
      {notice && (
        <p role="status" className="text-xs text-slate-600 dark:text-slate-400" onAnimationEnd={() => setNotice(null)}>
          {notice}
        </p>
      )}
      <div ref={boxRef} className="h-[60vh] min-h-64 w-full overflow-hidden rounded-md bg-black p-1 ring-offset-2 focus-within:ring-2 focus-within:ring-sky-500 dark:ring-offset-slate-950" onClick={() => termRef.current?.focus()} />
      <KeyBar onKey={(d) => !readOnly && cb.current.onInput(d)} onCtrlAltDel={onCtrlAltDel} disabled={readOnly || status !== "connected"} />
    </div>
  );
}
