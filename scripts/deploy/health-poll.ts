/**
 * Asks the health route (our JSON contract) — or, for apps without one, the smoke paths — until
 * healthy or an overall deadline passes. A freshly promoted version
 * takes a few seconds to reach every edge location, so early failures are retried with backoff;
 * the deadline (not a retry count) bounds how long a bad version can go unnoticed.
 */
import type { HealthResponse } from "./health/health-contract";
import {
  DEFAULT_HEALTH_CHECK,
  type HealthCheck,
} from "../../workflows-src/builders/environment-model";
import {
  evaluateHealth,
  type HealthExpectation,
} from "./health/evaluate-health";
import { realClock, type Clock } from "./clock";
import { askPath, evaluateSmoke } from "./health/smoke";

export const HEALTH_PATH = DEFAULT_HEALTH_CHECK.path;
export const VERSION_OVERRIDE_HEADER = "Cloudflare-Workers-Version-Overrides";

export interface PollOptions {
  /** Base URL of the deployment (the health path is appended) or the full health URL. */
  readonly url: string;
  readonly expected: HealthExpectation;
  readonly deadlineMs: number;
  readonly requestTimeoutMs: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default: our JSON contract at /api/health. Smoke checks ignore `expected.version`. */
  readonly check?: HealthCheck;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Where the deadline, the backoff and each request's timeout read time (default: the real one). */
  readonly clock?: Clock;
  /** Default: the global fetch. Tests script the deployment's answers with it. */
  readonly fetch?: typeof fetch;
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
  /** Smoke checks: what each path answered (the version is identified through Cloudflare). */
  readonly summary?: string;
}

export function healthUrl(base: string, path: string = HEALTH_PATH): string {
  const url = new URL(base);
  if (url.pathname === "/" || url.pathname === "") url.pathname = path;
  return url.toString();
}

/** One attempt's verdict: healthy (with the JSON body or the smoke summary) or why not. */
type AttemptVerdict =
  | {
      readonly ok: true;
      readonly health?: HealthResponse;
      readonly summary?: string;
    }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly health?: HealthResponse;
    };

type Attempt = (timeoutMs: number) => Promise<AttemptVerdict>;

function attemptFor(options: PollOptions, url: string, clock: Clock): Attempt {
  const headers = options.headers ?? {};
  const check = options.check ?? DEFAULT_HEALTH_CHECK;
  const fetchFn = options.fetch ?? fetch;
  if (check.kind === "smoke")
    return async (timeoutMs) => {
      const answers = [];
      for (const c of check.checks)
        answers.push(
          await askPath(
            url,
            c.path,
            headers,
            clock.timeout(timeoutMs),
            fetchFn,
          ),
        );
      const result = evaluateSmoke(check.checks, answers);
      return result.ok
        ? { ok: true, summary: result.summary }
        : { ok: false, reason: result.reason };
    };
  return async (timeoutMs) => {
    const response = await fetchFn(url, {
      headers: { accept: "application/json", ...headers },
      signal: clock.timeout(timeoutMs),
      cache: "no-store",
    });
    return evaluateHealth(
      { status: response.status, body: await response.text() },
      options.expected,
    );
  };
}

/** Routes a request to one version of a Worker, if that version is in the current deployment. */
export function versionOverrideHeader(
  workerName: string,
  versionId: string,
): Record<string, string> {
  return { [VERSION_OVERRIDE_HEADER]: `${workerName}="${versionId}"` };
}

const isTimeout = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === "TimeoutError" || error.name === "AbortError");

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (isTimeout(error)) {
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
  const check = options.check ?? DEFAULT_HEALTH_CHECK;
  // Smoke paths are asked from the site's root; the JSON route replaces a bare origin's path.
  const url =
    check.kind === "smoke" ? options.url : healthUrl(options.url, check.path);
  const clock = options.clock ?? realClock;
  const attempt = attemptFor(options, url, clock);
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
      const verdict = await attempt(timeoutMs);
      health = verdict.health;
      if (verdict.ok) {
        options.onAttempt?.(attempts, "healthy", elapsed());
        return {
          ok: true,
          url,
          attempts,
          elapsedMs: elapsed(),
          reason: "",
          ...(verdict.health === undefined ? {} : { health: verdict.health }),
          ...(verdict.summary === undefined
            ? {}
            : { summary: verdict.summary }),
        };
      }
      reason = verdict.reason;
      options.onAttempt?.(attempts, reason, elapsed());
    } catch (error) {
      const failure = describeFetchError(error, timeoutMs);
      // A timeout the deadline imposed (shorter than a request may take) says less about the
      // deployment than the attempt before it did: keep that attempt's reason as the verdict.
      const cutShort =
        attempts > 1 &&
        timeoutMs < options.requestTimeoutMs &&
        isTimeout(error);
      if (!cutShort) reason = failure;
      options.onAttempt?.(attempts, failure, elapsed());
    }
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
  if (result.ok && result.summary !== undefined)
    return `healthy: ${result.url}: ${result.summary} (${result.attempts} attempt(s), ${time})`;
  return result.ok
    ? `healthy: ${result.url} reports version ${result.health?.version ?? "?"} (${result.attempts} attempt(s), ${time})`
    : `unhealthy: ${result.url}: ${result.reason} (${result.attempts} attempt(s) in ${time})`;
}
