/** Runs a package.json script for the rehearsal: output to the log file, a one-line cause on failure. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repositoryScript } from "../cli/package-script";
import { spawnRunner } from "./child-process";
import type { DeployLog } from "./deploy-log";
import { REPO_ROOT } from "./wrangler";

export class StageFailure extends Error {}

/** npm --silent hides "Missing script", so ask package.json directly. */
export function hasNpmScript(name: string, root = REPO_ROOT): boolean {
  const manifest = JSON.parse(
    readFileSync(join(root, "package.json"), "utf8"),
  ) as { scripts?: Record<string, string> };
  return manifest.scripts?.[name] !== undefined;
}

/** The table shows one line: the first line mentioning an error is usually the cause. */
export function firstErrorLine(lines: readonly string[]): string {
  return lines.find((line) => /error/i.test(line))?.trim() ?? "";
}

export async function npmScript(
  script: string,
  log: DeployLog,
  env: Record<string, string> = {},
): Promise<string> {
  const run = repositoryScript(REPO_ROOT, script);
  if (!hasNpmScript(script)) {
    throw new StageFailure(
      `${run.display}: not defined in package.json — pull the latest main`,
    );
  }
  const result = await spawnRunner(run.command, run.args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    log: log.quiet(),
  });
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split("\n");
    const tail = output.slice(-15).join("\n");
    const cause = firstErrorLine(output);
    throw new StageFailure(
      `${run.display} failed (exit ${result.code}): ${cause}\n${tail}`,
    );
  }
  return result.stdout.trim().split("\n").at(-1) ?? "";
}
