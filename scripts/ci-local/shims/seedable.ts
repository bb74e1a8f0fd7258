/**
 * --seed-node-modules: may the checkout's own node_modules stand in for a job's install? Only when
 * the package manager's record of what it installed there matches the lockfile the job's install
 * would read — npm's node_modules/.package-lock.json against package-lock.json, pnpm's
 * node_modules/.pnpm/lock.yaml against pnpm-lock.yaml. The cache key the seed is saved under is
 * the workflow's own (its hashFiles of the lockfile), so a seed is only as good as this check.
 */
import { existsSync, readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import path from "node:path";
import { parse } from "yaml";

function npmUnseedable(repoRoot: string): string | undefined {
  const installed = path.join(repoRoot, "node_modules", ".package-lock.json");
  if (!existsSync(installed))
    return "the checkout's node_modules has no .package-lock.json (not installed by npm ci)";
  type Lock = { packages?: Record<string, { version?: string }> };
  const read = (file: string) =>
    (JSON.parse(readFileSync(file, "utf8")) as Lock).packages ?? {};
  const wanted = read(path.join(repoRoot, "package-lock.json"));
  const have = read(installed);
  for (const [name, entry] of Object.entries(wanted)) {
    if (name === "" || !name.includes("node_modules/")) continue;
    // npm skips optional packages for other platforms; those are absent from both or only wanted.
    const got = have[name];
    if (got === undefined) {
      if ((entry as { optional?: boolean }).optional) continue;
      return `${name} is in package-lock.json but not installed — run npm ci`;
    }
    if (got.version !== entry.version)
      return `${name} is ${got.version ?? "?"} in node_modules, ${entry.version ?? "?"} in package-lock.json — run npm ci`;
  }
  return undefined;
}

interface PnpmLock {
  readonly lockfileVersion?: string | number;
  readonly importers?: Readonly<Record<string, unknown>>;
  /** Lockfile v9: one entry per installed instance; v6 keeps them under `packages`. */
  readonly snapshots?: Readonly<Record<string, { optional?: boolean } | null>>;
  readonly packages?: Readonly<Record<string, { optional?: boolean } | null>>;
}

const PNPM_FIX = "run pnpm install --frozen-lockfile";

/**
 * pnpm writes node_modules/.pnpm/lock.yaml (its "current lockfile") after every install: what is
 * in node_modules. pnpm itself calls node_modules up to date when that file's importers and
 * packages are the lockfile's; an optional package skipped on this platform may be missing.
 */
function pnpmUnseedable(repoRoot: string): string | undefined {
  const installed = path.join(repoRoot, "node_modules", ".pnpm", "lock.yaml");
  if (!existsSync(installed))
    return `the checkout's node_modules has no .pnpm/lock.yaml (not installed by pnpm) — ${PNPM_FIX}`;
  const read = (file: string) =>
    (parse(readFileSync(file, "utf8")) ?? {}) as PnpmLock;
  const wanted = read(path.join(repoRoot, "pnpm-lock.yaml"));
  const have = read(installed);
  if (String(wanted.lockfileVersion) !== String(have.lockfileVersion))
    return `node_modules was installed from lockfile version ${String(have.lockfileVersion)}, pnpm-lock.yaml is ${String(wanted.lockfileVersion)} — ${PNPM_FIX}`;
  const importers = new Set([
    ...Object.keys(wanted.importers ?? {}),
    ...Object.keys(have.importers ?? {}),
  ]);
  for (const importer of importers)
    if (
      !isDeepStrictEqual(
        wanted.importers?.[importer],
        have.importers?.[importer],
      )
    )
      return `importers["${importer}"] in pnpm-lock.yaml differs from what node_modules holds — ${PNPM_FIX}`;
  const instances = (lock: PnpmLock) => lock.snapshots ?? lock.packages ?? {};
  const haveInstances = instances(have);
  for (const [name, entry] of Object.entries(instances(wanted))) {
    if (name in haveInstances || entry?.optional) continue;
    return `${name} is in pnpm-lock.yaml but not installed — ${PNPM_FIX}`;
  }
  return undefined;
}

/**
 * Why the checkout's node_modules may not be seeded, or undefined when it may. The lockfile decides
 * the manager, as it decides the install command of the generated jobs.
 */
export function unseedable(repoRoot: string): string | undefined {
  if (existsSync(path.join(repoRoot, "package-lock.json")))
    return npmUnseedable(repoRoot);
  if (existsSync(path.join(repoRoot, "pnpm-lock.yaml")))
    return pnpmUnseedable(repoRoot);
  return "the checkout has no package-lock.json or pnpm-lock.yaml — commit the lockfile the jobs install from";
}
