// V8 flags for the panel and agent processes, as `npm start`, the panel's
// local agent and the command an admin runs on a node start them.
// A console flood moves every byte through fresh Buffers in both processes
// (websocket frames, socket.io packets); with V8's default 16 MiB young
// generation halves the panel spent more CPU in scavenges than in writes
// (bench/console profile: GC 1.2 s, writev 1.1 s per 300 MB). With 32 MiB,
// four runs alternating with the default (session 7): the panel's CPU per
// 100 MB of `cat` 0.66-0.96 s against 0.97-1.15 s, the throughput 5-10%
// higher (as much as this VM's run-to-run noise). The cost: up to 32 MiB
// more young generation per process while it is that busy.
export const NODE_HEAP_FLAGS = ["--max-semi-space-size=32"];
