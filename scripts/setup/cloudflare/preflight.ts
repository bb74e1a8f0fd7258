/**
 * Token preflight: one read-only call per permission the pipeline uses, before anything is created,
 * so a token missing D1 fails here with the permission named — not halfway through a first deploy.
 * Read calls prove the token reaches each API; Cloudflare has no read-only probe for "Edit".
 */
import type { SetupItem } from "../report";
import type { CloudflareAnswer, CloudflareGet } from "./api";

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

/** Which token is probed: the variable it came from, and whose it is (absent: setup's own). */
export interface ProbedToken {
  readonly variable: string;
  readonly owner?: string;
}

export async function preflight(
  get: CloudflareGet,
  accountId: string,
  token: ProbedToken = { variable: "CLOUDFLARE_API_TOKEN" },
): Promise<SetupItem[]> {
  const suffix =
    token.owner === undefined ? "" : ` (${token.owner}: ${token.variable})`;
  const answers: { probe: PermissionProbe; answer: CloudflareAnswer }[] = [];
  for (const probe of PERMISSION_PROBES) {
    answers.push({ probe, answer: await get(probe.path(accountId)) });
  }
  const denied = (a: CloudflareAnswer) => a.status === 401 || a.status === 403;
  if (answers.every(({ answer }) => denied(answer))) {
    // Refused everywhere: the token itself (or the account id) is wrong, not one permission.
    const first = answers[0]?.answer;
    return [
      {
        resource: `Cloudflare token${suffix}`,
        state: "failed",
        detail: `Cloudflare refused ${token.variable} on every call (${first?.status} ${first?.error}) — the token is wrong, expired or not for account CLOUDFLARE_ACCOUNT_ID: create one with ${PERMISSION_PROBES.map((p) => `"${p.permission}"`).join(" and ")}`,
      },
    ];
  }
  const items: SetupItem[] = [];
  for (const { probe, answer } of answers) {
    // Shown without the account id: logs leave the machine.
    const shown = probe.path("<account>");
    items.push(
      answer.success
        ? {
            resource: `token permission ${probe.permission}${suffix}`,
            state: "ok",
            detail: `GET ${shown} answered`,
          }
        : !denied(answer)
          ? {
              resource: `token permission ${probe.permission}${suffix}`,
              state: "failed",
              detail: `GET ${shown} failed (${answer.status} ${answer.error}) — check CLOUDFLARE_API_BASE_URL and the network, then re-run`,
            }
          : {
              resource: `token permission ${probe.permission}${suffix}`,
              state: "failed",
              detail: `${token.variable} cannot use ${probe.permission.split(" · ")[1]} (GET ${shown} → ${answer.status} ${answer.error}) — add "${probe.permission}" to the token (needed to ${probe.usedFor}), and check CLOUDFLARE_ACCOUNT_ID`,
            },
    );
  }
  return items;
}
