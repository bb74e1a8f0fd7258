/**
 * OpenNext's own deploy fills the app's incremental cache with the build-time entries in
 * .open-next/cache (`opennextjs-cloudflare populateCache remote`) before it uploads. This release
 * uploads with wrangler and does not run that step yet (walk 4: OpenNext fills an R2 cache through a
 * remote-bindings worker session, which the Cloudflare double cannot answer, so it cannot be
 * rehearsed here). Until it does, a release of an app whose cache needs filling says so in its checks.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Environment } from "../../workflows-src/builders/environment-model";

/** The binding names OpenNext's R2 and KV incremental caches read (its overrides' BINDING_NAME). */
export const CACHE_BINDINGS = [
  "NEXT_INC_CACHE_R2_BUCKET",
  "NEXT_INC_CACHE_KV",
] as const;

function filesUnder(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile(),
    ).length;
  } catch {
    return 0;
  }
}

/** One line for the release's checks, or undefined: no cache to fill, or nothing built into it. */
export function unfilledCacheNotice(
  env: Environment,
  artifactDir: string,
): string | undefined {
  const bound = [...(env.bindings?.r2 ?? []), ...(env.bindings?.kv ?? [])]
    .map((b) => b.binding)
    .find((name) => (CACHE_BINDINGS as readonly string[]).includes(name));
  if (bound === undefined) return undefined;
  const entries = filesUnder(join(artifactDir, "cache"));
  if (entries === 0) return undefined;
  return `⚠ OpenNext's incremental cache (${bound}) is not filled: the release does not run \`opennextjs-cloudflare populateCache remote\` yet, so it lacks the ${entries} build-time entr${entries === 1 ? "y" : "ies"} in ${join(artifactDir, "cache")} — those pages render on their first request instead`;
}
