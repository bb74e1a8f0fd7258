/**
 * The Octokit that `npm run setup` talks to GitHub with: GITHUB_API_URL honoured (GitHub
 * Enterprise Server, or the API double in tests), the token from GITHUB_TOKEN or `gh auth token`.
 * Errors become one line naming what failed and the fix.
 */
import { Octokit } from "@octokit/rest";
import { execFile } from "node:child_process";
import type { EnvVars } from "../../deploy/env-vars";

export type GitHub = Octokit;

export const DEFAULT_API_URL = "https://api.github.com";

export class SetupError extends Error {}

/** `gh auth token`, or undefined when gh is missing or logged out. */
export function ghAuthToken(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("gh", ["auth", "token"], { timeout: 10_000 }, (error, stdout) => {
      const token = stdout.trim();
      resolve(error || token === "" ? undefined : token);
    });
  });
}

export async function resolveToken(
  env: EnvVars,
  fromGh: () => Promise<string | undefined> = ghAuthToken,
): Promise<string> {
  const token = env["GITHUB_TOKEN"]?.trim() || (await fromGh());
  if (!token) {
    throw new SetupError(
      "no GitHub token: set GITHUB_TOKEN (fine-grained: Administration, Environments, Secrets, Contents: read and write on this repository) or run `gh auth login`",
    );
  }
  return token;
}

export function createGitHub(token: string, env: EnvVars): GitHub {
  return new Octokit({
    auth: token,
    baseUrl: (env["GITHUB_API_URL"] || DEFAULT_API_URL).replace(/\/+$/, ""),
    userAgent: "typed-cicd-setup",
    // Octokit logs deprecations and request failures itself; we report each failure once.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

/** owner/name from --repo, GITHUB_REPOSITORY, or the origin remote's URL. */
export function parseRepository(text: string, source: string): Repository {
  const match =
    /^(?:https?:\/\/[^/]+\/|git@[^:]+:|ssh:\/\/git@[^/]+\/)?([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/.exec(
      text.trim(),
    );
  if (!match?.[1] || !match[2]) {
    throw new SetupError(
      `${source}: "${text}" is not a GitHub repository — use owner/name`,
    );
  }
  return { owner: match[1], repo: match[2] };
}

export interface Repository {
  readonly owner: string;
  readonly repo: string;
}

interface HttpFailure {
  status: number;
  message: string;
}

/** Octokit's RequestError carries the HTTP status and GitHub's JSON message. */
export function httpFailure(error: unknown): HttpFailure | undefined {
  if (typeof error !== "object" || error === null || !("status" in error))
    return undefined;
  const status = (error as { status: unknown }).status;
  if (typeof status !== "number") return undefined;
  const data = (error as { response?: { data?: unknown } }).response?.data;
  const message =
    typeof data === "object" && data !== null && "message" in data
      ? String((data as { message: unknown }).message)
      : error instanceof Error
        ? error.message
        : "";
  return { status, message };
}

export function isStatus(error: unknown, status: number): boolean {
  return httpFailure(error)?.status === status;
}

/** One line for any failed call: what was asked, what GitHub said, what to do. */
export function describeFailure(what: string, error: unknown): string {
  const failure = httpFailure(error);
  if (!failure) {
    const text = error instanceof Error ? error.message : String(error);
    return error instanceof SetupError
      ? text
      : `${what}: ${text.split("\n")[0]}`;
  }
  const said = `${failure.status} ${failure.message}`.trim();
  switch (failure.status) {
    case 401:
      return `${what}: GitHub rejected the token (${said}) — create a new token or run \`gh auth login\`, then re-run`;
    case 403:
      return `${what}: the token may not do this (${said}) — give it Administration, Environments, Secrets and Contents (read and write) on this repository`;
    case 404:
      return `${what}: not found (${said}) — check the name, and that the token can see the repository`;
    case 500:
      if (/fetch failed|ECONNREFUSED|ENOTFOUND/i.test(failure.message))
        return `${what}: GitHub is unreachable (${failure.message}) — check GITHUB_API_URL and the network`;
      return `${what}: ${said}`;
    default:
      return `${what}: ${said}`;
  }
}
