/**
 * The job graph: which jobs a selection pulls in, the order they may start in, and the critical
 * path — the longest chain of `needs` by measured duration, i.e. the wall time with unlimited runners.
 */
export interface GraphJob {
  readonly id: string;
  readonly needs: readonly string[];
}

/** The selected jobs plus everything they need, transitively, in declaration order. */
export function withAncestors(
  jobs: readonly GraphJob[],
  selected: readonly string[],
): string[] {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const wanted = new Set<string>();
  const visit = (id: string): void => {
    const job = byId.get(id);
    if (!job) {
      throw new Error(
        `--job ${id}: no such job — choose from ${jobs.map((j) => j.id).join(", ")}`,
      );
    }
    if (wanted.has(id)) return;
    wanted.add(id);
    job.needs.forEach(visit);
  };
  selected.forEach(visit);
  return jobs.filter((j) => wanted.has(j.id)).map((j) => j.id);
}

/** Throws on a cycle, naming it; returns ids in an order where every job follows its needs. */
export function topologicalOrder(jobs: readonly GraphJob[]): string[] {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const state = new Map<string, "visiting" | "done">();
  const order: string[] = [];
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      throw new Error(`needs form a cycle: ${[...trail, id].join(" → ")}`);
    }
    state.set(id, "visiting");
    for (const need of byId.get(id)?.needs ?? []) {
      if (byId.has(need)) visit(need, [...trail, id]);
    }
    state.set(id, "done");
    order.push(id);
  };
  for (const job of jobs) visit(job.id, []);
  return order;
}

export interface CriticalPath {
  readonly seconds: number;
  readonly jobs: readonly string[];
}

/**
 * Longest path through `needs` weighted by each job's duration (missing durations count 0). Every
 * job on the path keeps the job it needs, even at 0 s, so a chain of instant jobs is still a chain.
 * Ties go to the path with more jobs, then to the need or job declared first: the same report for
 * the same durations.
 */
export function criticalPath(
  jobs: readonly GraphJob[],
  seconds: ReadonlyMap<string, number>,
): CriticalPath {
  const best = new Map<string, CriticalPath>();
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const longer = (a: CriticalPath, b: CriticalPath | undefined): boolean =>
    b === undefined ||
    a.seconds > b.seconds ||
    (a.seconds === b.seconds && a.jobs.length > b.jobs.length);
  for (const id of topologicalOrder(jobs)) {
    let longest: CriticalPath | undefined;
    for (const need of byId.get(id)?.needs ?? []) {
      const path = best.get(need);
      if (path && longer(path, longest)) longest = path;
    }
    best.set(id, {
      seconds: (longest?.seconds ?? 0) + (seconds.get(id) ?? 0),
      jobs: [...(longest?.jobs ?? []), id],
    });
  }
  let result: CriticalPath | undefined;
  for (const job of jobs) {
    const path = best.get(job.id);
    if (path && longer(path, result)) result = path;
  }
  return result ?? { seconds: 0, jobs: [] };
}

/**
 * Runs `start` for each job once all its needs finished, at most `parallel` at a time, in the order
 * jobs are listed among those ready (GitHub queues the same way). Resolves when every job finished.
 */
export async function schedule(
  jobs: readonly GraphJob[],
  parallel: number,
  start: (id: string) => Promise<void>,
): Promise<void> {
  topologicalOrder(jobs);
  const finished = new Set<string>();
  const started = new Set<string>();
  const ids = new Set(jobs.map((j) => j.id));
  let running = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      if (finished.size === jobs.length) {
        resolve();
        return;
      }
      for (const job of jobs) {
        if (running >= parallel) break;
        if (started.has(job.id)) continue;
        if (!job.needs.every((n) => finished.has(n) || !ids.has(n))) continue;
        started.add(job.id);
        running++;
        start(job.id).then(() => {
          running--;
          finished.add(job.id);
          pump();
        }, reject);
      }
    };
    pump();
  });
}

/**
 * Jobs ordered so that, among those ready at once, the one heading the longest chain of dependents
 * starts first (ties keep declaration order). With 2 slots, build (→ e2e) then no longer waits
 * behind jobs nothing depends on; GitHub, with a runner per job, starts them all anyway.
 */
export function longestChainFirst<T extends GraphJob>(jobs: readonly T[]): T[] {
  const dependents = new Map<string, string[]>();
  for (const job of jobs)
    for (const need of job.needs)
      dependents.set(need, [...(dependents.get(need) ?? []), job.id]);
  const depth = new Map<string, number>();
  for (const id of topologicalOrder(jobs).reverse()) {
    depth.set(
      id,
      1 +
        Math.max(
          0,
          ...(dependents.get(id) ?? []).map((d) => depth.get(d) ?? 0),
        ),
    );
  }
  return jobs
    .map((job, index) => ({ job, index }))
    .sort(
      (a, b) =>
        (depth.get(b.job.id) ?? 0) - (depth.get(a.job.id) ?? 0) ||
        a.index - b.index,
    )
    .map(({ job }) => job);
}
