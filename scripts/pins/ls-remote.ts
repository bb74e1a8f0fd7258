/**
 * `git ls-remote --tags <url>` for one action repository. The base URL is a parameter
 * (PINS_GIT_BASE, default https://github.com) so tests point it at local bare repositories. Never
 * prompts (a missing or private repository fails instead of asking for credentials) and never hangs:
 * a timeout kills git and names the repository.
 */
import { execFile } from "node:child_process";
import { realClock, type Clock } from "../deploy/clock";

export const DEFAULT_GIT_BASE = "https://github.com";

/** `owner/repo/path/to/action` → the repository URL `<base>/owner/repo`. */
export function repositoryUrl(base: string, repo: string): string {
  const [owner, name] = repo.split("/");
  if (!owner || !name) {
    throw new Error(
      `"${repo}" is not owner/repo — fix its repo field in workflows-src/actions.ts`,
    );
  }
  return `${base.replace(/\/+$/, "")}/${owner}/${name}`;
}

/** Where a person reads what changed in a release (always GitHub, whatever the git base). */
export function releaseNotesUrl(repo: string, tag: string): string {
  return `${repositoryUrl(DEFAULT_GIT_BASE, repo)}/releases/tag/${encodeURIComponent(tag)}`;
}

export type LsRemote = (url: string) => Promise<string>;

/** `clock` times the timeout (default: the real one); tests fire it once git is connected. */
export function gitLsRemote(
  timeoutMs: number,
  clock: Clock = realClock,
): LsRemote {
  return (url) =>
    new Promise((resolve, reject) => {
      execFile(
        "git",
        ["ls-remote", "--tags", url],
        {
          signal: clock.timeout(timeoutMs),
          killSignal: "SIGKILL",
          maxBuffer: 64 * 1024 * 1024,
          env: {
            ...process.env,
            GIT_TERMINAL_PROMPT: "0",
            GIT_ASKPASS: "true",
            // Abort a stalled HTTPS transfer instead of waiting for the kernel's TCP timeout.
            GIT_HTTP_LOW_SPEED_LIMIT: "1000",
            GIT_HTTP_LOW_SPEED_TIME: String(
              Math.max(1, Math.ceil(timeoutMs / 1000)),
            ),
          },
        },
        (error, stdout, stderr) => {
          if (!error) return resolve(stdout);
          const reason =
            error.name === "AbortError"
              ? `no answer within ${timeoutMs / 1000} s`
              : (stderr.trim().split("\n").at(-1) ?? error.message);
          reject(new Error(`git ls-remote ${url}: ${reason}`));
        },
      );
    });
}
