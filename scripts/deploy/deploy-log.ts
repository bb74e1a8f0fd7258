/**
 * Everything a deploy command prints also goes to a log file that the workflow uploads as an
 * artifact, so a failed run can be read after the runner is gone. GitHub masks secrets in the
 * console, not in artifact files: every line passes through `redact` (the API token and account id,
 * which wrangler prints in every API path it reports) before it is printed or written.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Redact } from "./cloudflare/redact";
import { stripAnsi } from "./cloudflare/wrangler-failure";

export interface DeployLog {
  readonly path: string | undefined;
  /** A line for humans: printed and logged. */
  info(message: string): void;
  /** Raw output of a child command: echoed to stderr and logged. */
  raw(chunk: string): void;
  /** The same log without echo: for chatty machine output (JSON queries) that only the file needs. */
  quiet(): DeployLog;
}

export interface DeployLogOptions {
  readonly echo?: boolean;
  readonly redact?: Redact;
}

export function createDeployLog(
  path: string | undefined,
  options: DeployLogOptions = {},
): DeployLog {
  const echo = options.echo ?? true;
  const redact = options.redact ?? ((text: string) => text);
  if (path !== undefined) mkdirSync(dirname(path), { recursive: true });
  const append = (text: string) => {
    if (path !== undefined) appendFileSync(path, text);
  };
  return {
    path,
    quiet: () => createDeployLog(path, { ...options, echo: false }),
    info(message) {
      const line = redact(message);
      if (echo) console.log(line);
      append(`${line}\n`);
    },
    raw(chunk) {
      // wrangler colours its [ERROR] lines even under NO_COLOR; logs are read as plain text.
      const text = redact(stripAnsi(chunk));
      if (echo) process.stderr.write(text);
      append(text);
    },
  };
}

export const silentLog: DeployLog = createDeployLog(undefined, {
  echo: false,
});
