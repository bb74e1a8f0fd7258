/**
 * Judges one /api/health response. Pure, so every reason a deploy can be refused is unit-tested
 * without a server; the polling loop (health-poll.ts) only decides when to ask again.
 */
import { healthResponseSchema, type HealthResponse } from "./health-contract";

export interface HealthExpectation {
  /** Commit SHA the serving build must report; undefined accepts any version. */
  readonly version?: string | undefined;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

export type HealthVerdict =
  | { readonly ok: true; readonly health: HealthResponse }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly health?: HealthResponse;
    };

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 77)}…` : flat);
}

function short(version: string): string {
  return /^[0-9a-f]{40}$/.test(version) ? version.slice(0, 12) : version;
}

export function evaluateHealth(
  answer: HttpAnswer,
  expected: HealthExpectation,
): HealthVerdict {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return {
      ok: false,
      reason: `HTTP ${answer.status}: body is not JSON (${snippet(answer.body)}) — is /api/health routed to the app?`,
    };
  }
  const parsed = healthResponseSchema.safeParse(json);
  if (!parsed.success) {
    // zod reports at least one issue; the first names the field to fix.
    const [first] = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    return {
      ok: false,
      reason: `HTTP ${answer.status}: body does not match healthResponseSchema at ${first}`,
    };
  }
  const health = parsed.data;
  const { database } = health;
  // Most specific cause first: an unreachable database or pending migrations explain a 503.
  if (!database.reachable) {
    return {
      ok: false,
      health,
      reason: `HTTP ${answer.status}: database unreachable${database.error ? `: ${database.error}` : ""}`,
    };
  }
  if (database.pendingMigrations.length > 0) {
    return {
      ok: false,
      health,
      reason: `HTTP ${answer.status}: ${database.pendingMigrations.length} pending migration(s): ${database.pendingMigrations.join(", ")} — run deploy:migrate first`,
    };
  }
  if (health.status !== "ok") {
    return {
      ok: false,
      health,
      reason: `HTTP ${answer.status}: status is "${health.status}"${database.error ? `: ${database.error}` : ""}`,
    };
  }
  if (answer.status !== 200) {
    return {
      ok: false,
      health,
      reason: `HTTP ${answer.status} although status is "ok" — the endpoint must answer 200 when healthy`,
    };
  }
  if (expected.version !== undefined && health.version !== expected.version) {
    return {
      ok: false,
      health,
      reason: `version is ${short(health.version)}, expected ${short(expected.version)} — another build is serving (not promoted yet, or rolled back)`,
    };
  }
  return { ok: true, health };
}
