import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "./finding";
import { InputError } from "./input-error";

export function drizzleCheckArgv(drizzleConfig: string): string[] {
  return ["check", "--config", drizzleConfig];
}

/** drizzle-kit prints its config banner on success and failure; the rest is the verdict. */
function verdictLines(output: string): string[] {
  return output
    .split("\n")
    .map((line) => line.trim())
    .filter(
      (line) =>
        line !== "" &&
        !/^(No config path provided|Reading config file)/.test(line),
    );
}

export function drizzleCheckFindings(
  status: number | null,
  output: string,
  drizzleConfig: string,
): Finding[] {
  if (status === 0) return [];
  const verdict =
    verdictLines(output).join(" ") ||
    `drizzle-kit check exited with ${status ?? "a signal"}`;
  return [
    {
      file: drizzleConfig,
      line: 1,
      rule: "drizzle-kit-check",
      message: `drizzle-kit check: ${verdict}`,
      fix: "the migration history forked (e.g. two branches generated migrations): delete the later branch's migration and its snapshot, rebase, and run drizzle-kit generate again",
    },
  ];
}

export function runDrizzleCheck(
  projectRoot: string,
  drizzleConfig: string,
): Finding[] {
  const bin = join(projectRoot, "node_modules", ".bin", "drizzle-kit");
  if (!existsSync(bin)) {
    throw new InputError(
      `${bin}: drizzle-kit is not installed — run npm ci, or pass --skip-drizzle-check`,
    );
  }
  const result = spawnSync(bin, drizzleCheckArgv(drizzleConfig), {
    cwd: projectRoot,
    encoding: "utf8",
  });
  if (result.error !== undefined) {
    throw new InputError(
      `${bin}: cannot run drizzle-kit (${result.error.message}) — reinstall with npm ci`,
    );
  }
  return drizzleCheckFindings(
    result.status,
    `${result.stdout}\n${result.stderr}`,
    drizzleConfig,
  );
}
