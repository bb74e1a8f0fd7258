import { drizzle } from "drizzle-orm/d1";
import {
  describeDatabaseProblem,
  errorText,
  type AppEnv,
  type DatabaseProblem,
} from "@/db/database-problem";
import * as schema from "@/db/schema";
import type { Note } from "@/db/schema";
import { probeDatabase } from "@/health/probe-database";
import { repoMigrations } from "@/health/repo-migrations";
import { listNotes } from "./notes-repository";

export type GuestbookState =
  | { readonly kind: "ready"; readonly notes: readonly Note[] }
  | { readonly kind: "database-problem"; readonly problem: DatabaseProblem };

/** The page's data, or why the database cannot give it (never throws for a D1 error). */
export async function loadGuestbook(
  d1: D1Database,
  appEnv: AppEnv,
): Promise<GuestbookState> {
  try {
    return { kind: "ready", notes: await listNotes(drizzle(d1, { schema })) };
  } catch (error) {
    const queryError = errorText(error);
    // The server log keeps the full error for deployed environments, where the page does not show it.
    console.error(`guestbook: reading notes failed: ${queryError}`);
    return {
      kind: "database-problem",
      problem: describeDatabaseProblem({
        probe: await probeDatabase(d1),
        repoMigrations,
        queryError,
        appEnv,
      }),
    };
  }
}
