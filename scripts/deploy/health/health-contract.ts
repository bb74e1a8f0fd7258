import { z } from "zod";

/**
 * The JSON body of a health route (`GET /api/health` by default). The pipeline owns this contract:
 * the release check parses responses with it, and apps that want such a route build their answer
 * with it (health-route.ts). It imports only zod, so it is safe inside a Worker bundle — the one
 * pipeline file an app may import (.dependency-cruiser.cjs). Apps without a health route use
 * smoke checks instead (environments.ts `health`).
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
