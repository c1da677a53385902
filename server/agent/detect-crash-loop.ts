// Counts CT restarts from successive samples of the monitor's reboot counter
// and start time, and says when one restarted too often in a sliding window.
// Pure: the agent's watch loop feeds it samples and acts on the answer.
export type CrashLoopDetector = {
  /** Feed one sample; returns true the first time the CT crosses the limit. */
  sample: (ctid: number, s: { reboots?: number; started?: number; running: boolean }, now?: number) => boolean;
  forget: (ctid: number) => void;
};

export function createCrashLoopDetector(limit = 10, windowMs = 60_000): CrashLoopDetector {
  const seen = new Map<number, { reboots?: number; started?: number; events: number[]; flagged: boolean }>();
  return {
    sample(ctid, s, now = Date.now()) {
      const prev = seen.get(ctid) ?? { events: [], flagged: false };
      let restarts = 0;
      if (s.running && prev.reboots !== undefined && s.reboots !== undefined && s.reboots > prev.reboots) restarts = s.reboots - prev.reboots;
      // A start time that moved without a counted reboot: stopped and started again.
      else if (s.running && prev.started !== undefined && s.started !== undefined && s.started > prev.started) restarts = 1;
      const events = prev.events.filter((t) => now - t < windowMs);
      for (let i = 0; i < restarts; i++) events.push(now);
      const crossed = !prev.flagged && events.length >= limit;
      seen.set(ctid, { reboots: s.running ? s.reboots : prev.reboots, started: s.running ? s.started : prev.started, events, flagged: prev.flagged || crossed });
      return crossed;
    },
    forget: (ctid) => void seen.delete(ctid),
  };
}
