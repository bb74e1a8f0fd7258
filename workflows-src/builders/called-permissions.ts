/**
 * What a job calling a reusable workflow must grant: GitHub refuses to start a called job that asks
 * for more than its caller allows ("The nested job … is requesting 'actions: read', but is only
 * allowed 'actions: none'"), so the caller grants the union of the called jobs' permissions —
 * derived from them, so a job that needs a new scope cannot be forgotten at the call site.
 */
import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import type { Permissions } from "./steps";

const rank = { none: 0, read: 1, write: 2 } as const;
type Level = keyof typeof rank;

export function calledPermissions(workflow: GW.Workflow): Permissions {
  const union: Record<string, Level> = {};
  for (const job of Object.values(workflow.jobs)) {
    const permissions = (job as { permissions?: unknown }).permissions;
    if (permissions === undefined || typeof permissions !== "object") continue;
    for (const [scope, level] of Object.entries(
      permissions as Record<string, Level>,
    ))
      if (rank[level] > rank[union[scope] ?? "none"]) union[scope] = level;
  }
  return union as Permissions;
}
