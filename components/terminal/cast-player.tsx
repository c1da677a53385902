"use client";
// Plays an asciicast v2 recording in xterm.js: output events at their recorded
// times (idle gaps capped at one second), resize events applied, input events
// skipped (their echo is in the output). `data-status` is playing|paused|ended.
import "@xterm/xterm/css/xterm.css";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Terminal } from "@xterm/xterm";

type CastEvent = [number, string, string];

function parseCast(text: string): { width: number; height: number; events: CastEvent[] } {
  const [head, ...lines] = text.split("\n").filter((l) => l.trim());
  let width = 80;
  let height = 24;
  try {
    const h = JSON.parse(head ?? "{}") as { width?: number; height?: number };
    width = h.width ?? width;
    height = h.height ?? height;
  } catch {
    // A broken header still plays at the default size.
  }
  const events: CastEvent[] = [];
  for (const l of lines) {
    try {
      const e = JSON.parse(l) as unknown;
      if (Array.isArray(e) && typeof e[0] === "number" && typeof e[1] === "string" && typeof e[2] === "string") events.push(e as CastEvent);
    } catch {
      // Skip a torn last line (a session still being written).
    }
  }
  return { width, height, events };
}

const MAX_GAP_S = 1;

export function CastPlayer({ cast }: { cast: string }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const parsed = useMemo(() => parseCast(cast), [cast]);
  const [status, setStatus] = useState<"loading" | "playing" | "paused" | "ended">("loading");
  const [speed, setSpeed] = useState(1);
  const player = useRef<{ play: () => void; pause: () => void; restart: () => void; speed: number } | null>(null);

  useEffect(() => {
    if (player.current) player.current.speed = speed;
  }, [speed]);

  useEffect(() => {
    let disposed = false;
    let term: Terminal | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let index = 0;
    let paused = false;
    const { events } = parsed;
    const p = {
      speed: 1,
      play: () => {
        paused = false;
        setStatus("playing");
        step();
      },
      pause: () => {
        paused = true;
        clearTimeout(timer);
        setStatus("paused");
      },
      restart: () => {
        clearTimeout(timer);
        term?.reset();
        index = 0;
        p.play();
      },
    };
    const step = () => {
      if (paused || disposed || !term) return;
      const e = events[index];
      if (!e) return setStatus("ended");
      if (e[1] === "o") term.write(e[2]);
      else if (e[1] === "r") {
        const m = e[2].match(/^(\d+)x(\d+)$/);
        if (m) term.resize(Number(m[1]), Number(m[2]));
      }
      index++;
      const next = events[index];
      const gap = next ? Math.min(MAX_GAP_S, Math.max(0, next[0] - e[0])) : 0;
      timer = setTimeout(step, (gap * 1000) / p.speed);
    };
    void import("@xterm/xterm").then(({ Terminal }) => {
      if (disposed || !boxRef.current) return;
      term = new Terminal({ cols: parsed.width, rows: parsed.height, disableStdin: true, fontSize: 13, scrollback: 5000 });
      term.parser.registerOscHandler(52, () => true);
      term.open(boxRef.current);
      player.current = p;
      p.play();
    });
    return () => {
      disposed = true;
      clearTimeout(timer);
      term?.dispose();
      player.current = null;
    };
  }, [parsed]);

  const toggle = () => {
    const p = player.current;
    if (!p) return;
    if (status === "ended") p.restart();
    else if (status === "playing") p.pause();
    else p.play();
  };
  const btn = "rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";
  return (
    <div data-testid="cast-player" data-status={status} className="space-y-2">
      <div className="flex items-center gap-2">
        <button type="button" className={btn} onClick={toggle}>
          {status === "playing" ? "Pause" : status === "ended" ? "Replay" : "Play"}
        </button>
        <label className="flex items-center gap-1 text-xs">
          Speed
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} className="rounded border border-slate-300 px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900">
            {[1, 2, 4, 8].map((x) => (
              <option key={x} value={x}>
                {x}×
              </option>
            ))}
          </select>
        </label>
        <span className="text-xs text-slate-500">{parsed.events.length} events</span>
      </div>
      <div ref={boxRef} className="overflow-auto rounded-md bg-black p-1" />
    </div>
  );
}
