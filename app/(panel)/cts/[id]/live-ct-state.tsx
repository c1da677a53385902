"use client";
// Keeps the CT page's state honest when something other than this page moves
// it (a shutdown from inside, a crash, another browser, the node agent): the
// /tasks socket says "ct" with the new state, and the page re-reads its view.
// Tasks this page starts refresh it themselves (power-buttons.tsx).
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { io } from "socket.io-client";

export function LiveCtState({ ctId, state }: { ctId: string; state: string }) {
  const router = useRouter();
  const shown = useRef(state);
  useEffect(() => {
    shown.current = state;
  }, [state]);
  useEffect(() => {
    const socket = io("/tasks", { transports: ["websocket"], withCredentials: true });
    socket.on("ct", (c: { id?: unknown; state?: unknown }) => {
      if (c.id === ctId && c.state !== shown.current) router.refresh();
    });
    return () => {
      socket.close();
    };
  }, [ctId, router]);
  return null;
}
