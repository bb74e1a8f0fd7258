/** What deploy CLIs share beyond defineCli: running another npm script, reading durations. */
import { UsageError } from "../cli/define-cli";
import { spawnRunner, type Runner } from "./child-process";
import type { DeployLog } from "./deploy-log";
import { hasNpmScript } from "./npm-script";
import { REPO_ROOT } from "./wrangler";

/** `npm run <script>` via the npm that started us (npm_execpath), so CI and laptops use the same one. */
export function npmRunner(
  script: string,
  log: DeployLog,
  args: readonly string[] = [],
  runner: Runner = spawnRunner,
): () => Promise<void> {
  return async () => {
    if (!hasNpmScript(script)) {
      throw new Error(
        `npm run ${script}: script not defined in package.json — it is provided by another part of the pipeline; pull the latest main`,
      );
    }
    const npmCli = process.env["npm_execpath"];
    const [command, prefix] = npmCli
      ? [process.execPath, [npmCli]]
      : ["npm", []];
    log.info(
      `$ npm run ${script}${args.length ? ` -- ${args.join(" ")}` : ""}`,
    );
    const result = await runner(
      command,
      [
        ...prefix,
        "run",
        "--silent",
        script,
        ...(args.length ? ["--", ...args] : []),
      ],
      { cwd: REPO_ROOT, log },
    );
    if (result.code !== 0) {
      throw new Error(
        `npm run ${script} failed (exit ${result.code}) — fix the findings above`,
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
