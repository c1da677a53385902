// Wakes this process's task runner right away (an enqueue, an agent's hello).
// Other replicas hear of new tasks from the insert trigger's notification
// (run-tasks.ts); this saves the round trip through Postgres here.
const globalForRunner = globalThis as unknown as { corralTaskRunnerPoke?: () => void };

export function setTaskRunnerPoke(fn: (() => void) | undefined): void {
  globalForRunner.corralTaskRunnerPoke = fn;
}

export function pokeTaskRunner(): void {
  globalForRunner.corralTaskRunnerPoke?.();
}
