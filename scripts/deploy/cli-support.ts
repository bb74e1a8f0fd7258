/** What deploy CLIs share beyond defineCli: running another npm script, reading durations. */
import { UsageError } from "../cli/define-cli";
import { spawnRunner, type Runner } from "./child-process";
import type { DeployLog } from "./deploy-log";
import { repositoryScript } from "../cli/package-script";
import { hasNpmScript } from "./npm-script";
import { REPO_ROOT } from "./wrangler";

/** `<manager> run <script>` with the repository's package manager (scripts/cli/package-script.ts). */
export function npmRunner(
  script: string,
  log: DeployLog,
  args: readonly string[] = [],
  runner: Runner = spawnRunner,
): () => Promise<void> {
  return async () => {
    const run = repositoryScript(REPO_ROOT, script, args);
    if (!hasNpmScript(script)) {
      throw new Error(
        `${run.display}: script not defined in package.json — it is provided by another part of the pipeline; pull the latest main`,
      );
    }
    log.info(`$ ${run.display}`);
    const result = await runner(run.command, run.args, {
      cwd: REPO_ROOT,
      log,
    });
    if (result.code !== 0) {
      throw new Error(
        `${run.display} failed (exit ${result.code}) — fix the findings above`,
      );
    }
  };
}

export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match)
    throw new UsageError(
      `${flag}: invalid duration "${text}" — use e.g. 30s, 1500ms or 2m`,
    );
  const amount = Number(match[1]);
  const unit = match[2] ?? "s";
  return Math.round(
    unit === "ms" ? amount : unit === "m" ? amount * 60_000 : amount * 1000,
  );
}
