/**
 * The GitHub Environment pull-request previews run in (environments.ts `preview`): deployable from
 * every branch (each same-repository pull request previews; the workflow policy keeps forks and the
 * pull request's code away from it, decisions record 15), no reviewers (a preview needs no approval),
 * administrators unable to bypass. Its secrets are a token made for previews, planned and written
 * like the other environments' (secrets.ts). REST: GET/PUT /repos/{owner}/{repo}/environments/{name}.
 */
import type { PreviewEnvironment } from "../../../workflows-src/builders/environment-model";
import type { EnvVars } from "../../deploy/env-vars";
import type { Inspection, Resource } from "../resources";
import { isStatus, type GitHub, type Repository } from "./client";
import type { DesiredEnvironment } from "./desired";

/** The preview as the secrets planner reads an environment (no branch: every branch). */
export function desiredPreview(
  preview: PreviewEnvironment,
): DesiredEnvironment {
  return {
    name: preview.name,
    branch: "any branch",
    reviewers: [],
    preventSelfReview: false,
    review: "two-person",
    secrets: preview.secrets,
  };
}

/** The variables a preview's secrets may come from: never the bare API token (another environment's). */
export function previewSecretSources(env: EnvVars): EnvVars {
  const { CLOUDFLARE_API_TOKEN: _shared, ...rest } = env;
  return rest;
}

interface LivePreview {
  readonly deployment_branch_policy?: unknown;
  readonly can_admins_bypass?: boolean;
  readonly protection_rules?: readonly { readonly type: string }[];
}

/** What differs from "every branch, no reviewers, no admin bypass" (pure). */
export function previewDifferences(live: LivePreview): string[] {
  const diffs: string[] = [];
  if (
    live.deployment_branch_policy !== null &&
    live.deployment_branch_policy !== undefined
  )
    diffs.push(
      "deployment branches restricted → every branch (each pull request's)",
    );
  if (
    (live.protection_rules ?? []).some((r) => r.type === "required_reviewers")
  )
    diffs.push("required reviewers → none (a preview waits for nobody)");
  if (live.can_admins_bypass !== false)
    diffs.push(
      `can_admins_bypass ${String(live.can_admins_bypass ?? "unset")} → false`,
    );
  return diffs;
}

const WANTED =
  "deploys from every branch (same-repository pull requests), no reviewers, admins cannot bypass";

export function previewEnvironmentResource(
  gh: GitHub,
  repo: Repository,
  preview: PreviewEnvironment,
): Resource {
  const name = `environment ${preview.name}`;
  const path = { ...repo, environment_name: preview.name };
  const read = async (): Promise<LivePreview | undefined> => {
    try {
      return (
        await gh.request(
          "GET /repos/{owner}/{repo}/environments/{environment_name}",
          path,
        )
      ).data as LivePreview;
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  };
  const apply = async (existed: boolean) => {
    await gh.request(
      "PUT /repos/{owner}/{repo}/environments/{environment_name}",
      {
        ...path,
        reviewers: [],
        deployment_branch_policy: null,
        can_admins_bypass: false,
      } as Parameters<typeof gh.request>[1] & typeof path,
    );
    const after = await read();
    const left =
      after === undefined
        ? ["still missing after PUT"]
        : previewDifferences(after);
    if (left.length > 0)
      throw new Error(
        `${name}: GitHub kept ${left.join("; ")} — set it in Settings → Environments → ${preview.name}`,
      );
    return {
      resource: name,
      state: existed ? ("updated" as const) : ("created" as const),
      detail: WANTED,
    };
  };
  return {
    name,
    inspect: async (): Promise<Inspection> => {
      const live = await read();
      if (live === undefined)
        return {
          state: "missing",
          detail: `would be created: ${WANTED}`,
          apply: () => apply(false),
        };
      const diffs = previewDifferences(live);
      if (diffs.length === 0) return { state: "ok", detail: WANTED };
      return {
        state: "differs",
        detail: diffs.join("; "),
        apply: () => apply(true),
      };
    },
  };
}
