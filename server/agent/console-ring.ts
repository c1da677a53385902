// A fixed-size byte ring holding a session's most recent output, replayed to a
// viewer on attach (coder keeps 64 KiB; we keep as much as the CT monitor).
export type ConsoleRing = { push: (chunk: Buffer) => void; snapshot: () => Buffer; size: () => number };

export function createConsoleRing(capacity = 256 * 1024): ConsoleRing {
  const buf = Buffer.alloc(capacity);
  let start = 0; // index of the oldest byte
  let length = 0;
  return {
    push(chunk) {
      if (chunk.length >= capacity) {
        chunk.copy(buf, 0, chunk.length - capacity);
        start = 0;
        length = capacity;
        return;
      }
      const end = (start + length) % capacity;
      const first = Math.min(chunk.length, capacity - end);
      chunk.copy(buf, end, 0, first);
      if (first < chunk.length) chunk.copy(buf, 0, first);
      const overflow = Math.max(0, length + chunk.length - capacity);
      length = Math.min(capacity, length + chunk.length);
      start = (start + overflow) % capacity;
    },
    snapshot() {
      if (start + length <= capacity) return Buffer.from(buf.subarray(start, start + length));
      return Buffer.concat([buf.subarray(start), buf.subarray(0, (start + length) % capacity)]);
    },
    size: () => length,
  };
}
