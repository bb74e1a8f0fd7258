/** What a release did: the data the console line, the step summary and the job outputs are made from. */
export type ReleaseOutcome =
  | "promoted"
  /** The serving version's commit already contains this one: nothing was changed. */
  | "superseded"
  | "refused-before-traffic"
  | "rolled-back"
  | "rollback-failed"
  /** The Worker did not exist, was created, and is not healthy: nothing to roll back to. */
  | "first-deploy-failed"
  /** A Durable Object migration was applied and the version is unhealthy: no rollback below it. */
  | "failed-after-migration";

export interface ReleaseReport {
  readonly environment: string;
  readonly sha: string;
  readonly url: string;
  readonly outcome: ReleaseOutcome;
  readonly error?: string;
  readonly versionId?: string;
  readonly previousVersionId?: string;
  readonly previewUrl?: string;
  readonly bookmark?: string;
  readonly checks: readonly string[];
  readonly timings: readonly { readonly phase: string; readonly ms: number }[];
}
