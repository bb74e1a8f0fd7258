/** What every deploy CLI shares: one-line errors (annotated on Actions) and exit codes. */
import { spawnRunner, type Runner } from "./child-process";
import type { DeployLog } from "./deploy-log";
import { reportError } from "./github-io";
import { hasNpmScript } from "./npm-script";
import { REPO_ROOT } from "./wrangler";

export class UsageError extends Error {}

export async function runCli(
  help: string,
  main: () => Promise<number>,
): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (error) {
    if (error instanceof UsageError) {
      reportError(`${error.message} — see --help`);
      console.error(help);
      code = 2;
    } else {
      reportError(error instanceof Error ? error.message : String(error));
      code = 1;
    }
  }
  process.exit(code);
}

/** `npm run <script>` via the npm that started us (npm_execpath), so CI and laptops use the same one. */
export function npmRunner(
  script: string,
  log: DeployLog,
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
    log.info(`$ npm run ${script}`);
    const result = await runner(
      command,
      [...prefix, "run", "--silent", script],
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

/**
 * Workflows pass values (dispatch inputs, step outputs) to scripts through env, never by
 * interpolating them into `run:`; a flag given on the command line wins. Blank counts as unset.
 */
export function fromEnv(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}
