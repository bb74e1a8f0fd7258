import { getD1 } from "@/db/client";
import { buildHealthResponse } from "@/health/build-health-response";
import type { DatabaseProbe } from "@/health/build-health-response";
import { probeDatabase } from "@/health/probe-database";
import { repoMigrations } from "@/health/repo-migrations";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  let database: DatabaseProbe;
  try {
    database = await probeDatabase(await getD1());
  } catch (error) {
    // No binding at all (misconfigured env) is still an answer, not a crash.
    database = {
      reachable: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  const { httpStatus, body } = buildHealthResponse({
    version: process.env.APP_VERSION ?? "dev",
    database,
    repoMigrations,
    now: new Date(),
  });
  return Response.json(body, {
    status: httpStatus,
    headers: { "cache-control": "no-store" },
  });
}
