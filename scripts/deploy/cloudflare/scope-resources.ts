/**
 * The Worker and the D1 database a wrangler command with `--env <name>` addresses, read from the
 * wrangler config the way wrangler 4 resolves them, so the client's direct API reads reach exactly
 * what wrangler would. Where wrangler would have to look further — no `database_id` (it looks the
 * name up), a redirected config (.wrangler/deploy/config.json), CLOUDFLARE_ENV choosing the env, a
 * TOML file — the answer is "unknown" and the client asks wrangler instead.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { wranglerConfigPath } from "../../cli/wrangler-config-file";
import type { EnvVars } from "../env-vars";
import { stripJsonc } from "../../migration-lint/strip-jsonc";
import type { WranglerScope } from "../wrangler-args";

export interface ScopeResources {
  /** The Worker's script name (`<name>-<env>` unless the env block names it). */
  readonly workerName?: string;
  /** The UUID of the scope's D1 binding (`database_id`). */
  readonly databaseId?: string;
  /** The config's `account_id`, which wrangler prefers to CLOUDFLARE_ACCOUNT_ID. */
  readonly accountId?: string;
}

const d1Schema = z.looseObject({
  binding: z.string(),
  database_id: z.string().min(1).optional(),
});
const blockSchema = z.looseObject({
  name: z.string().min(1).optional(),
  account_id: z.string().min(1).optional(),
  d1_databases: z.array(d1Schema).optional(),
});
const configSchema = blockSchema.extend({
  env: z.record(z.string(), blockSchema).optional(),
});

/**
 * What `scope` addresses in the JSON(C) config `text`; {} when the text cannot be read (wrangler
 * then reports it in its own words).
 */
export function scopeResources(
  text: string,
  scope: WranglerScope,
): ScopeResources {
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonc(text));
  } catch {
    return {};
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) return {};
  const config = parsed.data;
  const env = scope.wranglerEnv;
  // d1_databases is not inherited by environments; the name is, with "-<env>" appended.
  const block = env === undefined ? config : config.env?.[env];
  if (block === undefined) return {};
  const workerName =
    env === undefined
      ? config.name
      : (block.name ?? (config.name ? `${config.name}-${env}` : undefined));
  const databaseId = block.d1_databases?.find(
    (db) => db.binding === scope.d1Binding,
  )?.database_id;
  // Inherited by environments, like the name (without a suffix).
  const accountId = block.account_id ?? config.account_id;
  return {
    ...(workerName === undefined ? {} : { workerName }),
    ...(databaseId === undefined ? {} : { databaseId }),
    ...(accountId === undefined ? {} : { accountId }),
  };
}

/**
 * The resolver for the config wrangler would read at `root` (its cwd), read at each call so an edit
 * made during the run counts; {} wherever wrangler would decide otherwise than the file says.
 */
export function configScopeResources(
  root: string,
  env: EnvVars,
): (scope: WranglerScope) => ScopeResources {
  return (scope) => {
    if (scope.wranglerEnv === undefined && env["CLOUDFLARE_ENV"]) return {};
    if (redirected(root)) return {};
    let file: string;
    try {
      file = wranglerConfigPath(root);
    } catch {
      return {};
    }
    return scopeResources(readFileSync(file, "utf8"), scope);
  };
}

/** wrangler looks for .wrangler/deploy/config.json from its cwd up to the filesystem root. */
function redirected(root: string): boolean {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".wrangler", "deploy", "config.json")))
      return true;
    if (path.dirname(dir) === dir) return false;
  }
}
