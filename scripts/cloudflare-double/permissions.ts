/**
 * Token permissions, coarse as Cloudflare's permission groups are: a token seeded with a list of
 * permissions may only call the resources they cover; a token without a list may call everything.
 * A call outside the token's permissions is answered like the API answers it — 10000
 * "Authentication error" — so `npm run setup` rehearsals can prove they ask for the right groups.
 * @see https://developers.cloudflare.com/fundamentals/api/reference/permissions/
 */
import { z } from "zod";

export const permissionSchema = z.enum([
  /** "Workers Scripts Read" / "Edit" — scripts, versions, deployments, settings, secrets, assets. */
  "workers_scripts:read",
  "workers_scripts:edit",
  /** "D1 Read" / "D1 Edit" — databases, query, Time Travel. */
  "d1:read",
  "d1:edit",
  /** "Account Settings Read" — memberships, the account's workers.dev subdomain. */
  "account_settings:read",
  /** "Workers R2 Storage Read" / "Write" — buckets. */
  "r2:read",
  "r2:edit",
  /** "Workers KV Storage Read" / "Edit" — namespaces. */
  "kv:read",
  "kv:edit",
]);
export type Permission = z.infer<typeof permissionSchema>;

function resource(
  path: string,
): "workers_scripts" | "d1" | "r2" | "kv" | "account_settings" | undefined {
  if (/^\/accounts\/[^/]+\/d1(\/|$)/.test(path)) return "d1";
  if (/^\/accounts\/[^/]+\/r2(\/|$)/.test(path)) return "r2";
  if (/^\/accounts\/[^/]+\/storage\/kv(\/|$)/.test(path)) return "kv";
  if (/^\/accounts\/[^/]+\/workers\/subdomain$/.test(path))
    return "account_settings";
  if (/^\/accounts\/[^/]+\/workers\//.test(path)) return "workers_scripts";
  if (/^\/(memberships|accounts)$/.test(path)) return "account_settings";
  return undefined;
}

/** null permissions = an unrestricted token. Token verification itself needs no permission. */
export function allows(
  permissions: readonly Permission[] | null,
  method: string,
  path: string,
): boolean {
  if (permissions === null) return true;
  const group = resource(path);
  if (group === undefined) return true;
  if (group === "account_settings")
    return permissions.includes("account_settings:read");
  const edit = `${group}:edit` as Permission;
  const read = `${group}:read` as Permission;
  return method === "GET"
    ? permissions.includes(read) || permissions.includes(edit)
    : permissions.includes(edit);
}
