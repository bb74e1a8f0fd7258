/**
 * Asks /api/health until it is healthy or an overall deadline passes. A freshly promoted version
 * takes a few seconds to reach every edge location, so early failures are retried with backoff;
 * the deadline (not a retry count) bounds how long a bad version can go unnoticed.
 */
import type { HealthResponse } from "../../src/health/health-response";
import {
  evaluateHealth,
  type HealthExpectation,
} from "./health/evaluate-health";
import { realClock, type Clock } from "./clock";

export const HEALTH_PATH = "/api/health";
export const VERSION_OVERRIDE_HEADER = "Cloudflare-Workers-Version-Overrides";

export interface PollOptions {
  /** Base URL of the deployment (the health path is appended) or the full health URL. */
  readonly url: string;
  readonly expected: HealthExpectation;
  readonly deadlineMs: number;
  readonly requestTimeoutMs: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Where the deadline and the backoff read and spend time (default: the real one). */
  readonly clock?: Clock;
  readonly onAttempt?: (
    attempt: number,
    verdict: string,
    elapsedMs: number,
  ) => void;
}

export interface PollResult {
  readonly ok: boolean;
  readonly url: string;
  readonly attempts: number;
  readonly elapsedMs: number;
  /** One line: why the last attempt failed (empty when ok). */
  readonly reason: string;
  readonly health?: HealthResponse;
}

export function healthUrl(base: string): string {
  const url = new URL(base);
  if (url.pathname === "/" || url.pathname === "") url.pathname = HEALTH_PATH;
  return url.toString();
}

/** Routes a request to one version of a Worker, if that version is in the current deployment. */
export function versionOverrideHeader(
  workerName: string,
  versionId: string,
): Record<string, string> {
  return { [VERSION_OVERRIDE_HEADER]: `${workerName}="${versionId}"` };
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (
    error instanceof Error &&
    (error.name === "TimeoutError" || error.name === "AbortError")
  ) {
    return `no response within ${(timeoutMs / 1000).toFixed(1)}s (request timeout)`;
  }
  const cause =
    error instanceof Error
      ? (error.cause as { code?: string; message?: string } | undefined)
      : undefined;
  const detail =
    cause?.code ??
    cause?.message ??
    (error instanceof Error ? error.message : String(error));
  return `request failed: ${detail}`;
}

const MIN_ATTEMPT_MS = 100;

export async function pollHealth(options: PollOptions): Promise<PollResult> {
  const url = healthUrl(options.url);
  const clock = options.clock ?? realClock;
  const started = clock.now();
  const elapsed = () => clock.now() - started;
  let backoff = options.initialBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 4000;
  let attempts = 0;
  let reason = "deadline passed before the first attempt";
  let health: HealthResponse | undefined;

  while (elapsed() < options.deadlineMs) {
    attempts += 1;
    const timeoutMs = Math.max(
      1,
      Math.ceil(
        Math.min(options.requestTimeoutMs, options.deadlineMs - elapsed()),
      ),
    );
    try {
      const response = await fetch(url, {
        headers: { accept: "application/json", ...options.headers },
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
      });
      const verdict = evaluateHealth(
        { status: response.status, body: await response.text() },
        options.expected,
      );
      health = verdict.health;
      if (verdict.ok) {
        options.onAttempt?.(attempts, "healthy", elapsed());
        return {
          ok: true,
          url,
          attempts,
          elapsedMs: elapsed(),
          reason: "",
          health: verdict.health,
        };
      }
      reason = verdict.reason;
    } catch (error) {
      reason = describeFetchError(error, timeoutMs);
    }
    options.onAttempt?.(attempts, reason, elapsed());
    // Leave the last attempt enough time to answer: one squeezed into a few milliseconds would
    // only replace the real reason with a timeout.
    const wait = Math.min(
      backoff,
      options.deadlineMs - elapsed() - MIN_ATTEMPT_MS,
    );
    if (wait <= 0) break;
    await clock.sleep(wait);
    backoff = Math.min(backoff * 2, maxBackoff);
  }
  const result: PollResult = {
    ok: false,
    url,
    attempts,
    elapsedMs: elapsed(),
    reason,
  };
  return health === undefined ? result : { ...result, health };
}

export function describePoll(result: PollResult): string {
  const time = `${(result.elapsedMs / 1000).toFixed(1)}s`;
  return result.ok
    ? `healthy: ${result.url} reports version ${result.health?.version ?? "?"} (${result.attempts} attempt(s), ${time})`
    : `unhealthy: ${result.url}: ${result.reason} (${result.attempts} attempt(s) in ${time})`;
}
