/**
 * The polling loop on a virtual clock and a scripted fetch: every attempt, wait and timeout is
 * counted exactly, so "gives up at the deadline" holds on any machine. The real HTTP round trip
 * has its own smoke test (health-poll.integration.test.ts).
 */
import { describe, expect, it } from "vitest";
import { virtualClock, type VirtualClock } from "./virtual-clock";
import {
  describePoll,
  healthUrl,
  pollHealth,
  versionOverrideHeader,
  type PollOptions,
} from "./health-poll";
import { healthBody } from "./scripted-health-server";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const OLD = "fedcba9876543210fedcba9876543210fedcba98";
const URL_BASE = "https://typed-cicd.example.workers.dev";

/** What the scripted deployment does on one attempt. */
type Reply =
  { readonly status: number; readonly body: string } | "hang" | "refused";

const unavailable: Reply = {
  status: 503,
  body: healthBody(SHA, "error", false),
};
const healthy: Reply = { status: 200, body: healthBody(SHA) };
const wrongVersion: Reply = { status: 200, body: healthBody(OLD) };

/** Each request takes LATENCY_MS of virtual time; a hung one lasts until its timeout aborts it. */
const LATENCY_MS = 20;

function scriptedFetch(clock: VirtualClock, reply: (attempt: number) => Reply) {
  const requests: Headers[] = [];
  const fetchFake = (async (_input, init) => {
    requests.push(new Headers(init?.headers));
    const signal = init?.signal as AbortSignal;
    const next = reply(requests.length);
    if (next === "refused") {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED"), {
          code: "ECONNREFUSED",
        }),
      });
    }
    clock.advance(next === "hang" ? (clock.timeouts.at(-1) ?? 0) : LATENCY_MS);
    if (signal.aborted) throw signal.reason;
    if (next === "hang") throw new Error("a hung request outlived its timeout");
    return new Response(next.body, { status: next.status });
  }) as typeof fetch;
  return { fetch: fetchFake, requests };
}

function poll(
  reply: (attempt: number) => Reply,
  options: Partial<PollOptions> = {},
) {
  const clock = virtualClock();
  const server = scriptedFetch(clock, reply);
  const attempts: string[] = [];
  const result = pollHealth({
    url: URL_BASE,
    expected: { version: SHA },
    deadlineMs: 1500,
    requestTimeoutMs: 400,
    initialBackoffMs: 50,
    maxBackoffMs: 200,
    clock,
    fetch: server.fetch,
    onAttempt: (n, verdict, ms) => attempts.push(`${n} at ${ms}: ${verdict}`),
    ...options,
  });
  return { result, clock, attempts, requests: server.requests };
}

describe("healthUrl", () => {
  it("appends /api/health to a base URL and keeps an explicit path", () => {
    expect(healthUrl("https://x.workers.dev")).toBe(
      "https://x.workers.dev/api/health",
    );
    expect(healthUrl("http://127.0.0.1:1/custom")).toBe(
      "http://127.0.0.1:1/custom",
    );
  });
});

describe("pollHealth on a virtual clock", () => {
  it("retries through 503s with doubling backoff until the new version is healthy", async () => {
    const run = poll((n) => (n < 3 ? unavailable : healthy));
    const result = await run.result;
    expect(result).toMatchObject({
      ok: true,
      attempts: 3,
      elapsedMs: 3 * LATENCY_MS + 50 + 100,
      reason: "",
      health: { version: SHA },
    });
    expect(run.clock.sleeps).toEqual([50, 100]);
    expect(run.attempts).toEqual([
      "1 at 20: HTTP 503: database unreachable: D1 unavailable",
      "2 at 90: HTTP 503: database unreachable: D1 unavailable",
      "3 at 210: healthy",
    ]);
    expect(describePoll(result)).toBe(
      `healthy: ${URL_BASE}/api/health reports version ${SHA} (3 attempt(s), 0.2s)`,
    );
  });

  it("gives up on a server that keeps answering 503 once the deadline leaves no room for another attempt", async () => {
    const run = poll(() => unavailable);
    const result = await run.result;
    // Backoff 50, 100, then capped at 200; the last wait is cut so the final attempt starts
    // 100 ms before the deadline, and no attempt starts after it.
    expect(run.clock.sleeps).toEqual([50, 100, 200, 200, 200, 200, 200, 90]);
    expect(result).toMatchObject({
      ok: false,
      attempts: 9,
      elapsedMs: 1420,
      reason: "HTTP 503: database unreachable: D1 unavailable",
    });
    expect(result.elapsedMs).toBeLessThanOrEqual(1500);
  });

  it("reports a wrong version with the reason and the attempts in one line", async () => {
    const result = await poll(() => wrongVersion).result;
    expect(result).toMatchObject({
      ok: false,
      attempts: 9,
      health: { version: OLD },
    });
    expect(describePoll(result)).toMatch(
      new RegExp(
        `^unhealthy: ${URL_BASE}/api/health: version is fedcba987654, expected 0123456789ab.* \\(9 attempt\\(s\\) in 1\\.4s\\)$`,
      ),
    );
  });

  it("ends hanging requests by the per-request timeout and cuts the last one to the deadline", async () => {
    const run = poll(() => "hang", { deadlineMs: 1200 });
    const result = await run.result;
    expect(run.clock.timeouts).toEqual([400, 400, 250]);
    expect(result).toMatchObject({
      ok: false,
      attempts: 3,
      elapsedMs: 1200,
      reason: "no response within 0.4s (request timeout)",
    });
    expect(run.attempts.at(-1)).toBe(
      "3 at 1200: no response within 0.3s (request timeout)",
    );
  });

  it("keeps the last real answer as the reason when the deadline cut the final request short", async () => {
    // On a loaded machine or a slow edge, the final, shortened attempt may time out; the verdict
    // must still say what the deployment answered, not that the deadline ran out.
    const run = poll((n) => (n < 9 ? wrongVersion : "hang"));
    const result = await run.result;
    expect(run.clock.timeouts.at(-1)).toBe(100);
    expect(run.attempts.at(-1)).toBe(
      "9 at 1500: no response within 0.1s (request timeout)",
    );
    expect(result.reason).toMatch(
      /^version is fedcba987654, expected 0123456789ab/,
    );
  });

  it("reports a full-length timeout after earlier answers: the deployment stopped answering", async () => {
    const run = poll((n) => (n < 2 ? unavailable : "hang"));
    const result = await run.result;
    expect(run.clock.timeouts.slice(0, 2)).toEqual([400, 400]);
    expect(result.reason).toBe("no response within 0.4s (request timeout)");
  });

  it("reports a refused connection by its code", async () => {
    const result = await poll(() => "refused", { deadlineMs: 300 }).result;
    expect(result).toMatchObject({
      ok: false,
      reason: "request failed: ECONNREFUSED",
    });
  });

  it("makes no attempt when the deadline has already passed", async () => {
    const run = poll(() => healthy, { deadlineMs: 0 });
    expect(await run.result).toMatchObject({
      ok: false,
      attempts: 0,
      reason: "deadline passed before the first attempt",
    });
    expect(run.requests).toEqual([]);
  });

  it("sends JSON accept and the version-override header for pre-promotion checks", async () => {
    const run = poll(() => healthy, {
      headers: versionOverrideHeader(
        "typed-cicd-next-d1-staging",
        "4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c",
      ),
    });
    await run.result;
    expect(run.requests[0]?.get("accept")).toBe("application/json");
    expect(run.requests[0]?.get("cloudflare-workers-version-overrides")).toBe(
      'typed-cicd-next-d1-staging="4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c"',
    );
  });
});
