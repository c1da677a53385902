"use client";
// Keys phones and tablets lack. Ctrl-Alt-Del is not a byte sequence: it is
// handed to the page (for a CT console it reboots the CT).
const KEYS: { label: string; title: string; data: string }[] = [
  { label: "Ctrl-C", title: "Interrupt", data: "\x03" },
  { label: "Esc", title: "Escape", data: "\x1b" },
  { label: "Tab", title: "Tab", data: "\t" },
  { label: "←", title: "Left", data: "\x1b[D" },
  { label: "↑", title: "Up", data: "\x1b[A" },
  { label: "↓", title: "Down", data: "\x1b[B" },
  { label: "→", title: "Right", data: "\x1b[C" },
];

export function KeyBar({ onKey, onCtrlAltDel, disabled }: { onKey: (data: string) => void; onCtrlAltDel?: () => void; disabled?: boolean }) {
  const cls = "rounded border border-slate-300 px-2 py-1 font-mono text-xs hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";
  return (
    <div role="toolbar" aria-label="Special keys" className="flex flex-wrap gap-1">
      {KEYS.map((k) => (
        <button key={k.label} type="button" title={k.title} aria-label={k.title} className={cls} disabled={disabled} onClick={() => onKey(k.data)}>
          {k.label}
        </button>
      ))}
      {onCtrlAltDel && (
        <button type="button" className={cls} disabled={disabled} title="Reboots the CT" onClick={onCtrlAltDel}>
          Ctrl-Alt-Del
        </button>
      )}
    </div>
  );
}
