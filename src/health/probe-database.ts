import type { DatabaseProbe } from "./build-health-response";

/**
 * Reads the migrations wrangler has applied (table d1_migrations, written by
 * `wrangler d1 migrations apply`). A missing table means nothing was applied
 * yet, which is a reachable database with zero migrations, not an outage.
 */
export async function probeDatabase(db: D1Database): Promise<DatabaseProbe> {
  try {
    const { results } = await db
      .prepare("SELECT name FROM d1_migrations ORDER BY id")
      .all<{ name: string }>();
    return {
      reachable: true,
      appliedMigrations: results.map((row) => row.name),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/no such table: d1_migrations/i.test(message)) {
      return { reachable: true, appliedMigrations: [] };
    }
    return { reachable: false, error: message };
  }
}
