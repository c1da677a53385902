// Wakes this process's task runner right after an enqueue, so a task starts
// in milliseconds rather than at the next poll (other replicas still poll).
const globalForRunner = globalThis as unknown as { corralTaskRunnerPoke?: () => void };

export function setTaskRunnerPoke(fn: (() => void) | undefined): void {
  globalForRunner.corralTaskRunnerPoke = fn;
}

export function pokeTaskRunner(): void {
  globalForRunner.corralTaskRunnerPoke?.();
}
