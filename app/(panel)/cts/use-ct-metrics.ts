"use client";
// Live samples of some CTs from the /metrics socket: one socket per page,
// shared by every chart and sparkline on it, rooms (re)joined on every
// (re)connect. Written once here for the charts tab and the CT list. The
// buffers keep the last 15 minutes; React re-renders at most once a frame.
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { MetricValues } from "@/server/metrics/metric-fields";

export type CtSamples = { t: number[]; v: MetricValues[] };
export type LimitEvent = { id: string; at: string; kind: string; resource: string; count: number; process: string | null; message: string };
export type MetricsStatus = "connecting" | "connected" | "disconnected" | "refused";

type Ack<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

const WINDOW_MS = 15 * 60_000;

let shared: { socket: Socket; users: number } | null = null;
function acquire(): Socket {
  if (!shared) shared = { socket: io("/metrics", { transports: ["websocket"] }), users: 0 };
  shared.users++;
  return shared.socket;
}
function release() {
  if (shared && --shared.users === 0) {
    shared.socket.close();
    shared = null;
  }
}

export function useCtMetrics(ctIds: string[], onEvent?: (ctId: string, e: LimitEvent) => void) {
  // Mutated in place by the socket handlers; `version` tells React it changed.
  const [buffers] = useState(() => new Map<string, CtSamples>());
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<MetricsStatus>("connecting");
  const [error, setError] = useState<string | null>(null);
  const eventRef = useRef(onEvent);
  useEffect(() => {
    eventRef.current = onEvent;
  });
  const key = ctIds.join(",");

  useEffect(() => {
    const ids = key ? key.split(",") : [];
    if (ids.length === 0) return;
    const socket = acquire();
    let frame = 0;
    const bump = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setVersion((n) => n + 1)));
    };
    const join = () => {
      socket.timeout(10_000).emit("control", { op: "join", ctIds: ids, recent: true }, (err: Error | null, r: Ack<{ recent: Record<string, CtSamples> }>) => {
        if (err) return setStatus("disconnected");
        if (!r.ok) {
          setStatus("refused");
          return setError(r.error.message);
        }
        // The ring replaces what we had: after a reconnect it is the truth.
        for (const id of ids) buffers.set(id, r.value.recent[id] ?? { t: [], v: [] });
        setStatus("connected");
        setError(null);
        bump();
      });
    };
    const onData = (m: { ctId: string; t: number; v: MetricValues }) => {
      const b = buffers.get(m.ctId);
      if (!b) return;
      if (b.t.length && m.t <= b.t[b.t.length - 1]!) return;
      b.t.push(m.t);
      b.v.push(m.v);
      const cut = b.t.findIndex((t) => t >= m.t - WINDOW_MS);
      if (cut > 0) {
        b.t.splice(0, cut);
        b.v.splice(0, cut);
      }
      bump();
    };
    const onStatus = (m: { ctId: string; event: LimitEvent }) => {
      if (ids.includes(m.ctId)) eventRef.current?.(m.ctId, m.event);
    };
    const onDisconnect = () => setStatus("disconnected");
    socket.on("connect", join);
    socket.on("disconnect", onDisconnect);
    socket.on("data", onData);
    socket.on("status", onStatus);
    if (socket.connected) join();
    return () => {
      cancelAnimationFrame(frame);
      socket.off("connect", join);
      socket.off("disconnect", onDisconnect);
      socket.off("data", onData);
      socket.off("status", onStatus);
      if (socket.connected) socket.emit("control", { op: "leave", ctIds: ids });
      for (const id of ids) buffers.delete(id);
      release();
    };
  }, [key, buffers]);

  return { status, error, version, samples: buffers };
}
