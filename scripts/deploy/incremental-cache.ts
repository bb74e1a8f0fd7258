/**
 * OpenNext's own deploy fills the app's incremental cache with the build-time entries in
 * .open-next/cache (`opennextjs-cloudflare populateCache remote`) before it uploads; this release
 * does the same with the app's own OpenNext CLI, so the cache holds the pages the build rendered.
 * Rehearsed against the Cloudflare double where OpenNext fills R2 with `wrangler r2 bulk put`
 * (1.13, sebc-dev/website's version: the double stores the objects); newer versions fill it through
 * a remote-bindings worker session, which the double cannot answer — there, only the failure path
 * (nothing served changes, the run stops before traffic) is rehearsed.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Environment } from "../../workflows-src/builders/environment-model";

/** The binding names OpenNext's R2 and KV incremental caches read (its overrides' BINDING_NAME). */
export const CACHE_BINDINGS = [
  "NEXT_INC_CACHE_R2_BUCKET",
  "NEXT_INC_CACHE_KV",
] as const;

/** OpenNext's config: the build compiles it in, and `populateCache` runs that compile. */
export const OPENNEXT_CONFIG = "open-next.config.ts";

/** The app's OpenNext CLI, from its own install (the deploy job's lockfile install). */
export const OPENNEXT_BIN = join(
  "node_modules",
  ".bin",
  "opennextjs-cloudflare",
);

function filesUnder(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile(),
    ).length;
  } catch {
    return 0;
  }
}

export interface CacheToFill {
  /** The cache binding the environment declares. */
  readonly binding: string;
  /** Build-time entries under .open-next/cache. */
  readonly entries: number;
}

/** The cache this release fills, or undefined: no cache binding, or nothing built into it. */
export function cacheToFill(
  env: Environment,
  artifactDir: string,
): CacheToFill | undefined {
  const binding = [...(env.bindings?.r2 ?? []), ...(env.bindings?.kv ?? [])]
    .map((b) => b.binding)
    .find((name) => (CACHE_BINDINGS as readonly string[]).includes(name));
  if (binding === undefined) return undefined;
  const entries = filesUnder(join(artifactDir, "cache"));
  return entries === 0 ? undefined : { binding, entries };
}

/** `opennextjs-cloudflare populateCache remote` for this environment's wrangler env and config. */
export function populateCacheArgs(
  env: Environment,
  wranglerConfigFile: string | undefined,
): readonly string[] {
  return [
    "populateCache",
    "remote",
    "--env",
    env.wranglerEnv,
    ...(wranglerConfigFile === undefined
      ? []
      : ["--config", wranglerConfigFile]),
  ];
}

/** Why the app's OpenNext CLI cannot run here, or undefined when it is installed under `root`. */
export function missingOpenNext(root: string): string | undefined {
  return existsSync(join(root, OPENNEXT_BIN))
    ? undefined
    : `${OPENNEXT_BIN} not found — the incremental cache is filled with the app's own OpenNext CLI: the deploy job's toolset must install the app's dependencies (init writes the lockfile install into scripts.deploy:toolset)`;
}
