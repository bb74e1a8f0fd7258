/**
 * Optional helper for apps that want a JSON health route the release can read: builds the answer
 * in the contract's shape (200 when ok, 503 otherwise). Worker-safe (no Node APIs). An app without
 * a database passes `database: { reachable: true, latestMigration: null, pendingMigrations: [] }`.
 *
 *   // src/app/api/health/route.ts
 *   export const GET = () => healthRoute({ version: BUILD_SHA, database: await probe() });
 */
import type { HealthResponse } from "./health-contract";

export function healthRoute(
  input: Pick<HealthResponse, "version" | "database">,
  now: Date = new Date(),
): Response {
  const ok =
    input.database.reachable && input.database.pendingMigrations.length === 0;
  const body: HealthResponse = {
    status: ok ? "ok" : "error",
    version: input.version,
    database: input.database,
    checkedAt: now.toISOString(),
  };
  return Response.json(body, {
    status: ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
