import type { Stage } from "./stages.ts";

/**
 * Splits the selected stages into lanes that run at the same time, each in its own order. ci:local
 * schedules its jobs on every core but leaves some idle (its last unit part runs alone, its jobs
 * wait on I/O); the direct stages (cloud, build, e2e) need nothing from it, so they fill that time
 * beside it instead of adding ~3 minutes after it. Without ci-local, one lane: the order as given.
 */
export function lanes(selected: readonly Stage[], beside: string): Stage[][] {
  const lead = selected.filter((s) => s.id === beside);
  const rest = selected.filter((s) => s.id !== beside);
  if (lead.length === 0 || rest.length === 0) return [[...selected]];
  for (const stage of rest)
    for (const need of stage.needs ?? [])
      if (need === beside)
        throw new Error(
          `stage "${stage.id}" needs "${beside}", which runs beside it — it cannot wait for it`,
        );
  return [lead, rest];
}
