/**
 * The answer a version gives to GET /api/health, synthesized (the double does not run the uploaded
 * bundle): its identity is the upload's `workers/tag` (the commit SHA), its database view comes
 * from the double's D1 — the `d1_migrations` rows of the database its `d1` binding names — and
 * its health mode from the script marker or the control API. Same shape as src/app/api/health.
 */
import type { HealthResponse } from "../../deploy/health/health-contract";
import type { DoubleState, WorkerVersion } from "../state";
import type { Via } from "./resolve-version";

export interface HealthAnswer {
  readonly status: 200 | 503;
  readonly body: HealthResponse;
}

export function synthesizeHealth(
  state: DoubleState,
  version: WorkerVersion,
  via: Via,
  now: Date = new Date(),
): HealthAnswer {
  const tag = version.annotations["workers/tag"] ?? "dev";
  const mode = state.health.get(version.id) ?? version.health;
  const scriptedFailure =
    mode === "unhealthy" ||
    (mode === "unhealthy-on-public" && via === "public");
  const binding = version.bindings.find((b) => b.type === "d1");
  const record =
    binding?.id === undefined ? undefined : state.d1.find(binding.id);
  let applied: string[] = [];
  let dbError: string | undefined;
  if (binding === undefined) dbError = "no D1 binding in this version";
  else if (record === undefined)
    dbError = `D1 database ${binding.id ?? "?"} does not exist`;
  else {
    try {
      applied = state.d1
        .read(record, "SELECT name FROM d1_migrations ORDER BY id")
        .map((row) => String(row.name));
    } catch (error) {
      if (!/no such table: d1_migrations/.test(String(error)))
        dbError = String(error);
    }
  }
  const expected = version.expectedMigrations ?? [];
  const pending =
    dbError === undefined
      ? expected.filter((m) => !applied.includes(m))
      : expected;
  const reachable = dbError === undefined;
  const healthy = reachable && pending.length === 0 && !scriptedFailure;
  const error = scriptedFailure
    ? `cloudflare-double: version ${version.id} is scripted unhealthy (${mode}, via ${via})`
    : dbError;
  return {
    status: healthy ? 200 : 503,
    body: {
      status: healthy ? "ok" : "error",
      version: tag,
      database: {
        reachable,
        latestMigration: reachable ? (applied.at(-1) ?? null) : null,
        pendingMigrations: pending,
        ...(error === undefined ? {} : { error }),
      },
      checkedAt: now.toISOString(),
    },
  };
}
