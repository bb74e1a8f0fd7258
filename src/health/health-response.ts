import { z } from "zod";

/**
 * The JSON body of `GET /api/health`. Shared contract: the deploy health check
 * parses responses with this schema, so changing it is a breaking change for
 * scripts/deploy/.
 *
 * HTTP 200 only when `status` is "ok" (database reachable and no pending
 * migrations); otherwise 503.
 */
export const healthResponseSchema = z.object({
  status: z.enum(["ok", "error"]),
  /** Commit SHA the build was made from; "dev" when unknown. */
  version: z.string().min(1),
  database: z.object({
    reachable: z.boolean(),
    latestMigration: z.string().nullable(),
    pendingMigrations: z.array(z.string()),
    error: z.string().optional(),
  }),
  checkedAt: z.iso.datetime(),
});

export type HealthResponse = z.infer<typeof healthResponseSchema>;
