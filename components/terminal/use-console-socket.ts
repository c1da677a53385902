"use client";
// The one place reconnecting terminal sockets live (lxd-ui duplicated this per
// page; we don't). Every (re)connect asks `getAuth` for a fresh handshake (a
// one-time ticket), so socket.io's own reconnection is off and this hook backs
// off by itself. Binary `data` in both directions; JSON `control` out and
// `status` in. Drawn bytes are acknowledged in batches (flow control).
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";

export type ConsoleSocketStatus = "connecting" | "connected" | "reconnecting" | "disconnected";

export type UseConsoleSocketOptions = {
  namespace: string;
  // Handshake auth for the next connection; throw an Error to stop with its message.
  getAuth: () => Promise<Record<string, unknown>>;
  // Called on every connect, before any replayed byte arrives; `control`
  // sends a control message on the new socket (no answer awaited).
  onConnect: (control: (msg: Record<string, unknown>) => void) => void;
  // Draw `data`, then call `drawn` (flow control).
  onData: (data: Uint8Array, drawn: () => void) => void;
  // A status message; return "final" when the session is over (no reconnect).
  onStatus: (status: unknown) => "final" | void;
  enabled?: boolean;
};

// Thrown by `getAuth` when the panel could not be reached (a dropped network,
// Chromium's ERR_NETWORK_CHANGED): the hook keeps backing off and shows the
// message while reconnecting, instead of giving up as on a refusal.
export class RetryLater extends Error {}

const ACK_BATCH_BYTES = 32 * 1024;
// Handshake refusals that another ticket would not change.
const FINAL_REFUSALS = /^(not_found|forbidden|bad_request|unauthorized: log in first)/;

export function useConsoleSocket(o: UseConsoleSocketOptions) {
  const [status, setStatus] = useState<ConsoleSocketStatus>("connecting");
  const [error, setError] = useState<string | null>(null);
  const socketRef = useRef<Socket | null>(null);
  const opts = useRef(o);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    opts.current = o;
  });

  useEffect(() => {
    if (o.enabled === false) return;
    let stopped = false;
    let final = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unacked = 0;
    let ackTimer: ReturnType<typeof setTimeout> | undefined;

    const flushAck = () => {
      ackTimer = undefined;
      if (unacked > 0) socketRef.current?.emit("control", { type: "ack", bytes: unacked });
      unacked = 0;
    };
    const drawnFn = (n: number) => () => {
      unacked += n;
      if (unacked >= ACK_BATCH_BYTES) flushAck();
      else ackTimer ??= setTimeout(flushAck, 50);
    };
    const stop = (message: string | null) => {
      final = true;
      setError(message);
      setStatus("disconnected");
      socketRef.current?.close();
    };
    const retry = () => {
      if (stopped || final) return;
      setStatus("reconnecting");
      // 0.5 s doubling to 15 s, with jitter so many tabs do not return in step.
      const delay = Math.min(15_000, 500 * 2 ** attempt++) * (0.75 + Math.random() * 0.5);
      timer = setTimeout(connect, delay);
    };
    const connect = async () => {
      if (stopped || final) return;
      let auth: Record<string, unknown>;
      try {
        auth = await opts.current.getAuth();
      } catch (err) {
        if (err instanceof RetryLater) {
          setError(err.message);
          return retry();
        }
        return stop(err instanceof Error ? err.message : String(err));
      }
      if (stopped) return;
      const s = io(opts.current.namespace, { auth, transports: ["websocket"], reconnection: false, timeout: 10_000, withCredentials: true });
      socketRef.current = s;
      s.on("connect", () => {
        attempt = 0;
        unacked = 0;
        setError(null);
        setStatus("connected");
        opts.current.onConnect((msg) => s.emit("control", msg));
      });
      s.on("data", (d: ArrayBuffer | Uint8Array) => {
        const bytes = d instanceof Uint8Array ? d : new Uint8Array(d);
        opts.current.onData(bytes, drawnFn(bytes.length));
      });
      s.on("status", (st: unknown) => {
        if (opts.current.onStatus(st) === "final") final = true;
      });
      s.on("connect_error", (err) => {
        s.close();
        if (FINAL_REFUSALS.test(err.message)) return stop(err.message.replace(/^[a-z_]+: /, ""));
        retry();
      });
      s.on("disconnect", () => {
        if (socketRef.current !== s) return;
        if (final) setStatus("disconnected");
        else retry();
      });
    };
    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(ackTimer);
      socketRef.current?.close();
      socketRef.current = null;
    };
  }, [o.namespace, o.enabled, generation]);

  const send = useCallback((data: string | Uint8Array) => {
    const s = socketRef.current;
    if (!s?.connected) return;
    // A string is one websocket frame; binary is two (the server reads both as bytes).
    s.emit("data", data);
  }, []);
  const control = useCallback(async (msg: Record<string, unknown>): Promise<unknown> => {
    const s = socketRef.current;
    if (!s?.connected) return { ok: false, error: { code: "unavailable", message: "Not connected." } };
    return s.timeout(10_000).emitWithAck("control", msg).catch(() => ({ ok: false, error: { code: "unavailable", message: "No answer." } }));
  }, []);
  const reconnect = useCallback(() => {
    setStatus("connecting");
    setError(null);
    setGeneration((g) => g + 1);
  }, []);
  return { status, error, send, control, reconnect };
}
