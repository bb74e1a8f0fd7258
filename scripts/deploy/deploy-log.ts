/**
 * Everything a deploy command prints also goes to a log file that the workflow uploads as an
 * artifact, so a failed run can be read after the runner is gone. Secrets never reach it: scripts
 * print names and IDs only, and wrangler masks the token itself.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

export interface DeployLog {
  readonly path: string | undefined;
  /** A line for humans: printed and logged. */
  info(message: string): void;
  /** Raw output of a child command: echoed to stderr and logged. */
  raw(chunk: string): void;
  /** The same log without echo: for chatty machine output (JSON queries) that only the file needs. */
  quiet(): DeployLog;
}

export function createDeployLog(
  path: string | undefined,
  echo = true,
): DeployLog {
  if (path !== undefined) mkdirSync(dirname(path), { recursive: true });
  const append = (text: string) => {
    if (path !== undefined) appendFileSync(path, text);
  };
  return {
    path,
    quiet: () => createDeployLog(path, false),
    info(message) {
      if (echo) console.log(message);
      append(`${message}\n`);
    },
    raw(chunk) {
      if (echo) process.stderr.write(chunk);
      append(chunk);
    },
  };
}

export const silentLog: DeployLog = createDeployLog(undefined, false);
