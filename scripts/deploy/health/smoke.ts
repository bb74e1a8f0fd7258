/**
 * Smoke checks for apps without a JSON health route: each path, redirects followed (`/` → `/fr/`),
 * must end at its expected status. One attempt asks every path; the verdict names the first that
 * failed. The body is not read for a version — the release identifies the version serving through
 * Cloudflare (deployments API) instead.
 */
import type { HealthCheck } from "../../../workflows-src/builders/environment-model";

export type SmokeCheck = Extract<
  HealthCheck,
  { kind: "smoke" }
>["checks"][number];

export interface SmokeAnswer {
  readonly path: string;
  readonly status: number;
  /** Where the redirects ended, when they moved (the last URL's path). */
  readonly landedOn?: string;
}

/** Pure: the answers against the expectations, in one line. */
export function evaluateSmoke(
  checks: readonly SmokeCheck[],
  answers: readonly SmokeAnswer[],
): { ok: true; summary: string } | { ok: false; reason: string } {
  const parts: string[] = [];
  for (const check of checks) {
    const answer = answers.find((a) => a.path === check.path);
    if (answer === undefined)
      return { ok: false, reason: `${check.path}: no answer` };
    const where =
      answer.landedOn === undefined
        ? ""
        : ` (redirected to ${answer.landedOn})`;
    if (answer.status !== check.status)
      return {
        ok: false,
        reason: `${check.path} answered HTTP ${answer.status}${where}, expected ${check.status}`,
      };
    parts.push(`${check.path} → ${answer.status}${where}`);
  }
  return { ok: true, summary: parts.join(", ") };
}

/**
 * Asks one path, following redirects with the same headers (version override stays on). The
 * signal ends it (the poll's clock times it); fetch is a parameter so tests can script answers.
 */
export async function askPath(
  base: string,
  path: string,
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal,
  fetchFn: typeof fetch = fetch,
): Promise<SmokeAnswer> {
  const url = new URL(path, base);
  const response = await fetchFn(url, {
    headers: { ...headers },
    redirect: "follow",
    signal,
    cache: "no-store",
  });
  await response.arrayBuffer();
  const landed = new URL(response.url || url.toString());
  return {
    path,
    status: response.status,
    ...(response.redirected ? { landedOn: landed.pathname } : {}),
  };
}
