/**
 * Stopping what a command started: children run detached, each leading its own process group, so
 * one signal to the group reaches wrangler, the workerd it starts, npm's node — and nothing this
 * process did not start.
 */

/**
 * Signals every process in the group `pid` leads, whether or not the leader still runs: workerd
 * outlives wrangler, and a child that ignores SIGTERM outlives its parent.
 */
export function signalGroup(
  pid: number | undefined,
  signal: NodeJS.Signals,
): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing of the group is left.
  }
}
