/**
 * Runs one pre-commit check with its output captured, so a passing check prints nothing and a
 * failing one prints all of it under its name. npm scripts are run as their package.json command
 * through sh with node_modules/.bin on PATH — what npm does, without npm's own start-up time.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, join } from "node:path";

export interface CheckRun {
  readonly code: number;
  readonly output: string;
}

export function run(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<CheckRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: {
        ...process.env,
        PATH: `${join(cwd, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}`,
        FORCE_COLOR: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (output += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (output += c));
    child.once("error", (error) =>
      resolve({ code: 1, output: `${command}: ${error.message} — run npm ci` }),
    );
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The command of `npm run <name>` in root's package.json (one spelling of each check). */
export function scriptCommand(root: string, name: string): string {
  const manifest = JSON.parse(
    readFileSync(join(root, "package.json"), "utf8"),
  ) as { scripts?: Record<string, string> };
  const command = manifest.scripts?.[name];
  if (command === undefined) {
    throw new Error(
      `package.json: scripts.${name} is missing — the pre-commit hook runs it; restore it or pull main`,
    );
  }
  return command;
}

export function runScript(root: string, name: string): Promise<CheckRun> {
  return run("sh", ["-c", scriptCommand(root, name)], root);
}
