import { readFileSync } from "node:fs";
import { join } from "node:path";
import { resolveAppVersion } from "../../src/build-info/resolve-app-version";

/**
 * The version the worker under test must report: what its build recorded
 * (next.config.ts writes .open-next/app-version.txt), else what a build here
 * would bake (APP_VERSION, git HEAD, "dev"). E2E_EXPECTED_VERSION overrides both.
 */
export function expectedVersion(cwd: string = process.cwd()): string {
  const override = process.env.E2E_EXPECTED_VERSION?.trim();
  if (override) return override;
  try {
    const recorded = readFileSync(
      join(cwd, ".open-next", "app-version.txt"),
      "utf8",
    ).trim();
    if (recorded) return recorded;
  } catch {
    // Older artifact without the file: fall through to the build-time rule.
  }
  return resolveAppVersion(process.env, cwd);
}
