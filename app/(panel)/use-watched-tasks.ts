"use client";
// Follows tasks this page started (a template build, a batch of CT starts)
// on the /tasks socket. The socket opens when the page mounts, before any
// task exists, and every update is kept by task id: a fast task (a busybox
// build takes 0.1 s) may finish before the request that queued it returns.
import { useCallback, useEffect, useRef, useState } from "react";
import { io } from "socket.io-client";

export type WatchedTask = { id: string; kind: string; status: "queued" | "running" | "succeeded" | "failed" | "cancelled"; progress: number; error?: string | null; line?: string };

const FINAL = new Set(["succeeded", "failed", "cancelled"]);
export const isFinished = (t: WatchedTask) => FINAL.has(t.status);

// A finished state wins over any later-arriving running update; otherwise the furthest progress.
function newer(a: WatchedTask | undefined, b: WatchedTask): WatchedTask {
  if (!a) return b;
  if (isFinished(a) && !isFinished(b)) return a;
  if (isFinished(b)) return { ...a, ...b };
  return { ...a, ...b, progress: Math.max(a.progress, b.progress), line: b.line ?? a.line };
}

export function useWatchedTasks(onFinished?: (t: WatchedTask) => void) {
  const seen = useRef(new Map<string, WatchedTask>());
  const watched = useRef(new Set<string>());
  const finishedRef = useRef(onFinished);
  const [tasks, setTasks] = useState<Record<string, WatchedTask>>({});
  const [status, setStatus] = useState<"connected" | "disconnected">("disconnected");

  useEffect(() => {
    finishedRef.current = onFinished;
  }, [onFinished]);

  const apply = useCallback((t: WatchedTask) => {
    const before = seen.current.get(t.id);
    const next = newer(before, t);
    seen.current.set(t.id, next);
    // Bounded: only the newest updates of unwatched tasks are worth keeping.
    if (seen.current.size > 500) for (const id of [...seen.current.keys()].slice(0, 100)) if (!watched.current.has(id)) seen.current.delete(id);
    if (!watched.current.has(t.id)) return;
    setTasks((prev) => ({ ...prev, [t.id]: next }));
    if (isFinished(next) && !(before && isFinished(before))) finishedRef.current?.(next);
  }, []);

  useEffect(() => {
    const socket = io("/tasks", { transports: ["websocket"], withCredentials: true });
    socket.on("connect", () => setStatus("connected"));
    socket.on("disconnect", () => setStatus("disconnected"));
    socket.on("task", (t: WatchedTask) => apply(t));
    return () => {
      socket.close();
    };
  }, [apply]);

  const watch = useCallback(
    (t: WatchedTask) => {
      watched.current.add(t.id);
      const before = seen.current.get(t.id);
      seen.current.delete(t.id);
      apply(before ? newer(t, before) : t);
    },
    [apply],
  );

  return { tasks, watch, status };
}
