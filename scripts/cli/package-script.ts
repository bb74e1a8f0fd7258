/**
 * How this repository runs one of its package.json scripts: with the manager package.json names
 * (`packageManager`, as corepack reads it; none: npm), through the very CLI that started us when it
 * is that manager (npm_execpath), so CI and laptops run the same one. npm needs `--` before the
 * script's arguments; pnpm (7+) passes everything after the script name as is, `--` included.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import {
  PACKAGE_MANAGERS,
  runCommand,
  type PackageManager,
} from "../../workflows-src/builders/package-manager";

/** The manager package.json's `packageManager` field names ("pnpm@9.15.0" → pnpm); npm otherwise. */
export function managerOf(packageJson: string | undefined): PackageManager {
  let field: unknown;
  try {
    field = (JSON.parse(packageJson ?? "{}") as { packageManager?: unknown })
      .packageManager;
  } catch {
    return "npm";
  }
  const name = typeof field === "string" ? field.split("@")[0] : undefined;
  return PACKAGE_MANAGERS.find((m) => m === name) ?? "npm";
}

export interface ScriptCommand {
  readonly manager: PackageManager;
  readonly command: string;
  readonly args: readonly string[];
  /** What a person would type: `pnpm run lint:migrations --skip-drizzle-check`. */
  readonly display: string;
}

/** The npm_execpath a manager's own CLI sets (npm-cli.js, pnpm.cjs / pnpm.js). */
function isManagersCli(execPath: string, manager: PackageManager): boolean {
  return basename(execPath).startsWith(manager === "npm" ? "npm-cli" : "pnpm");
}

/**
 * What a person types to run `script` with `args`: `npm run deploy:rollback -- --env staging`, or
 * `pnpm run deploy:rollback --env staging`. Messages that tell someone what to run next use it, so
 * the command they copy at 2 a.m. is their repository's own.
 */
export function scriptHint(
  manager: PackageManager,
  script: string,
  args: readonly string[] = [],
): string {
  return [runCommand(manager, script), ...passedArgs(manager, args)].join(" ");
}

function passedArgs(
  manager: PackageManager,
  args: readonly string[],
): readonly string[] {
  return args.length === 0 ? [] : manager === "npm" ? ["--", ...args] : args;
}

export function scriptCommand(
  manager: PackageManager,
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  nodePath: string = process.execPath,
): ScriptCommand {
  const passed = passedArgs(manager, args);
  const execPath = env["npm_execpath"];
  const [command, prefix] =
    execPath !== undefined &&
    execPath !== "" &&
    isManagersCli(execPath, manager)
      ? [nodePath, [execPath]]
      : [manager, []];
  return {
    manager,
    command,
    args: [...prefix, "run", "--silent", script, ...passed],
    display: scriptHint(manager, script, args),
  };
}

/** The manager of the repository at `root` (its package.json's `packageManager`; npm without one). */
export function repositoryManager(root: string): PackageManager {
  let packageJson: string | undefined;
  try {
    packageJson = readFileSync(join(root, "package.json"), "utf8");
  } catch {
    packageJson = undefined;
  }
  return managerOf(packageJson);
}

/** The script command for the repository at `root` (its package.json names the manager). */
export function repositoryScript(
  root: string,
  script: string,
  args: readonly string[] = [],
  env: Readonly<Record<string, string | undefined>> = process.env,
): ScriptCommand {
  return scriptCommand(repositoryManager(root), script, args, env);
}

/**
 * A CLI's usage line, written once in npm's form, in the repository's manager's words: `pnpm run
 * deploy:migrate --env <name>` — pnpm passes the arguments on without npm's `--`.
 */
export function usageIn(usage: string, manager: PackageManager): string {
  if (manager === "npm" || !usage.startsWith("npm run ")) return usage;
  return `${manager} run ${usage.slice("npm run ".length)}`
    .replace(" -- ", " ")
    .replace("[-- ", "[");
}
