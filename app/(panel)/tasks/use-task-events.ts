"use client";
// Live task updates from the /tasks namespace, merged over the list the page
// rendered on the server. The server decides which tasks this session sees.
import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import type { TaskView } from "@/server/tasks/task-view";

export type LiveTask = Omit<TaskView, "log"> & { log: string[] };

export function useTaskEvents(initial: TaskView[]): { tasks: LiveTask[]; status: "connected" | "disconnected" } {
  const [tasks, setTasks] = useState<LiveTask[]>(initial);
  const [status, setStatus] = useState<"connected" | "disconnected">("disconnected");
  useEffect(() => {
    const socket = io("/tasks", { transports: ["websocket"], withCredentials: true });
    socket.on("connect", () => setStatus("connected"));
    socket.on("disconnect", () => setStatus("disconnected"));
    socket.on("task", (t: Omit<TaskView, "log"> & { line?: string }) =>
      setTasks((prev) => {
        const old = prev.find((p) => p.id === t.id);
        const { line, ...rest } = t;
        const next: LiveTask = { ...(old ?? { log: [] }), ...rest, log: line ? [...(old?.log ?? []), line] : (old?.log ?? []) };
        return old ? prev.map((p) => (p.id === t.id ? next : p)) : [next, ...prev];
      }),
    );
    return () => {
      socket.close();
    };
  }, []);
  return { tasks, status };
}
