/**
 * Token preflight: one read-only call per permission the pipeline uses, before anything is created,
 * so a token missing D1 fails here with the permission named — not halfway through a first deploy.
 * Read calls prove the token reaches each API; Cloudflare has no read-only probe for "Edit".
 */
import type { SetupItem } from "../report";
import type { CloudflareGet } from "./api";

export interface PermissionProbe {
  readonly permission: string;
  /** Why the pipeline needs it (the runbook's token table says the same). */
  readonly usedFor: string;
  readonly path: (accountId: string) => string;
}

export const PERMISSION_PROBES: readonly PermissionProbe[] = [
  {
    permission: "Account · Workers Scripts · Edit",
    usedFor: "upload versions, deploy, roll back the Worker",
    path: (id) => `/accounts/${id}/workers/scripts`,
  },
  {
    permission: "Account · D1 · Edit",
    usedFor: "create the databases, apply migrations, Time Travel restore",
    path: (id) => `/accounts/${id}/d1/database`,
  },
];

export async function preflight(
  get: CloudflareGet,
  accountId: string,
): Promise<SetupItem[]> {
  const items: SetupItem[] = [];
  for (const probe of PERMISSION_PROBES) {
    const path = probe.path(accountId);
    // Shown without the account id: logs leave the machine.
    const shown = probe.path("<account>");
    const answer = await get(path);
    items.push(
      answer.success
        ? {
            resource: `token permission ${probe.permission}`,
            state: "ok",
            detail: `GET ${shown} answered`,
          }
        : {
            resource: `token permission ${probe.permission}`,
            state: "failed",
            detail: `CLOUDFLARE_API_TOKEN cannot use ${probe.permission.split(" · ")[1]} (GET ${shown} → ${answer.status} ${answer.error}) — add "${probe.permission}" to the token (needed to ${probe.usedFor}), and check CLOUDFLARE_ACCOUNT_ID`,
          },
    );
  }
  return items;
}
