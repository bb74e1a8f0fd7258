/**
 * Which wrangler the repository has, and what that version accepts. The deploy CLIs run the
 * repository's own wrangler (its devDependency), so a flag this pipeline passes must exist in that
 * version. Facts from wrangler's CHANGELOG (cloudflare/workers-sdk packages/wrangler):
 * - 4.66.0: `wrangler deploy --tag/--message` (#12560). The first release of an environment and
 *   every release carrying a Durable Object migration go through `wrangler deploy`, and the version
 *   must carry the commit's tag: the release, route and rollback find versions by it.
 * - 4.68.0: `wrangler deploy` autoconfigures by default, handing an OpenNext project over to
 *   `opennextjs-cloudflare deploy`; `--x-autoconfig=false` turns it off (#12614).
 * - 4.101.0: the flag became `--autoconfig` (#14276).
 */
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";

export const MINIMUM_WRANGLER = "4.66.0";

type Version = readonly [number, number, number];

function parse(version: string): Version | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match === null
    ? undefined
    : [Number(match[1]), Number(match[2]), Number(match[3])];
}

function atLeast(version: Version, minimum: string): boolean {
  const min = parse(minimum) as Version;
  for (let i = 0; i < 3; i++)
    if (version[i] !== min[i]) return (version[i] ?? 0) > (min[i] ?? 0);
  return true;
}

/** The `version` of the wrangler package node_modules/wrangler resolves to (pnpm's link followed). */
export function installedWranglerVersion(root: string): string {
  const dir = join(root, "node_modules", "wrangler");
  try {
    const manifest = JSON.parse(
      readFileSync(join(realpathSync(dir), "package.json"), "utf8"),
    ) as { version?: unknown };
    if (typeof manifest.version === "string") return manifest.version;
  } catch {
    // Reported below.
  }
  throw new Error(
    `${dir}: no wrangler package found — add wrangler to devDependencies and install (the deploy commands run the repository's own wrangler)`,
  );
}

/** One line naming the fix when the version is older than the deploy path needs. */
export function checkWranglerVersion(version: string): void {
  const parsed = parse(version);
  if (parsed !== undefined && atLeast(parsed, MINIMUM_WRANGLER)) return;
  throw new Error(
    `wrangler ${version} is installed; the deploy commands need wrangler ≥ ${MINIMUM_WRANGLER} (its \`wrangler deploy --tag/--message\` tags a first release and a Durable Object migration with the commit) — upgrade the devDependency (e.g. pnpm add -D wrangler@^4.66, npm install -D wrangler@^4.66) and commit the lockfile`,
  );
}

/** The flag that keeps `wrangler deploy` from handing an OpenNext project to its own deploy. */
export function autoconfigOff(version: string): readonly string[] {
  const parsed = parse(version);
  if (parsed === undefined || atLeast(parsed, "4.101.0"))
    return ["--autoconfig=false"];
  if (atLeast(parsed, "4.68.0")) return ["--x-autoconfig=false"];
  return [];
}
