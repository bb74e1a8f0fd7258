/**
 * A GitHub Environment as environments.ts describes it: deployable from exactly its branch,
 * required reviewers and prevent-self-review where the source lists them, administrators unable to
 * bypass. REST ("Deployment environments", "Deployment branch policies"):
 *   GET/PUT /repos/{owner}/{repo}/environments/{environment_name}
 *   GET/POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies
 *   DELETE   …/deployment-branch-policies/{branch_policy_id}
 * Never pretend: when GitHub refuses reviewers (plan or visibility), the environment is still
 * created with what GitHub accepts and reported as NOT gated.
 */
import { z } from "zod";
import type { SetupItem } from "../report";
import type { Inspection, Resource } from "../resources";
import {
  SetupError,
  httpFailure,
  isStatus,
  type GitHub,
  type Repository,
} from "./client";
import type { DesiredEnvironment } from "./desired";
import { resolveReviewers, reviewerKey } from "./reviewers";

const liveEnvironmentSchema = z.object({
  name: z.string(),
  can_admins_bypass: z.boolean().optional(),
  protection_rules: z
    .array(
      z.object({
        type: z.string(),
        prevent_self_review: z.boolean().optional(),
        reviewers: z
          .array(
            z.object({
              type: z.string().optional(),
              reviewer: z
                .object({
                  login: z.string().optional(),
                  slug: z.string().optional(),
                })
                .nullable()
                .optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  deployment_branch_policy: z
    .object({
      protected_branches: z.boolean(),
      custom_branch_policies: z.boolean(),
    })
    .nullable()
    .optional(),
});

export type LiveEnvironment = z.infer<typeof liveEnvironmentSchema>;

const branchPoliciesSchema = z.object({
  branch_policies: z.array(
    z.object({ id: z.number(), name: z.string(), type: z.string().optional() }),
  ),
});

export interface BranchPolicy {
  readonly id: number;
  readonly name: string;
  readonly type?: string | undefined;
}

export interface EnvironmentDifference {
  readonly text: string;
  /** Only about approval (reviewers, self-review): what --accept-ungated accepts. */
  readonly gate: boolean;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((x, i) => x === right[i]);
}

/** Pure comparison of a live environment (and its branch policies) with the source. */
export function environmentDifferences(
  want: DesiredEnvironment,
  live: LiveEnvironment,
  policies: readonly BranchPolicy[],
): EnvironmentDifference[] {
  const diffs: EnvironmentDifference[] = [];
  const reviewersRule = live.protection_rules?.find(
    (rule) => rule.type === "required_reviewers",
  );
  const liveReviewers = (reviewersRule?.reviewers ?? []).map((r) =>
    (r.reviewer?.login ?? r.reviewer?.slug ?? "?").toLowerCase(),
  );
  const wantReviewers = want.reviewers.map(reviewerKey);
  if (!sameSet(liveReviewers, wantReviewers)) {
    diffs.push({
      text: `reviewers [${liveReviewers.join(", ")}] → [${want.reviewers.join(", ")}]`,
      gate: true,
    });
  }
  const liveSelfReview = reviewersRule?.prevent_self_review ?? false;
  if (liveSelfReview !== want.preventSelfReview) {
    diffs.push({
      text: `prevent_self_review ${liveSelfReview} → ${want.preventSelfReview}`,
      gate: true,
    });
  }
  if (live.can_admins_bypass !== false) {
    diffs.push({
      text: `can_admins_bypass ${String(live.can_admins_bypass ?? "unset")} → false`,
      gate: false,
    });
  }
  const policy = live.deployment_branch_policy;
  if (!policy || policy.protected_branches || !policy.custom_branch_policies) {
    diffs.push({
      text: `deployment branches ${policy ? (policy.protected_branches ? "protected branches" : "custom") : "all"} → only ${want.branch}`,
      gate: false,
    });
  } else {
    const names = policies
      .filter((p) => (p.type ?? "branch") === "branch")
      .map((p) => p.name);
    if (!sameSet(names, [want.branch]) || policies.length !== names.length) {
      diffs.push({
        text: `deployment branch policies [${policies.map((p) => p.name).join(", ")}] → [${want.branch}]`,
        gate: false,
      });
    }
  }
  return diffs;
}

/** GitHub's answer when the plan or the repository's visibility cannot enforce a protection rule. */
function isPlanRefusal(error: unknown): string | undefined {
  const failure = httpFailure(error);
  if (failure?.status !== 422 || !/billing plan/i.test(failure.message))
    return undefined;
  return failure.message;
}

/**
 * GitHub refusing the environment itself: a private repository on GitHub Free has no environments
 * (Pro and Team: environments and branch rules, no reviewers; Enterprise: everything).
 */
function isNoEnvironments(error: unknown): string | undefined {
  const failure = httpFailure(error);
  // A token without the Environments permission answers 403 too ("Resource not accessible…"):
  // only a 403 that names the plan or the visibility is the repository's, not the token's.
  const plan =
    failure?.status === 404 ||
    (failure?.status === 403 && /upgrade|plan|public/i.test(failure.message));
  return plan ? `${failure.status} "${failure.message}"` : undefined;
}

export function noEnvironmentsMessage(name: string, said: string): string {
  return `GitHub refused to create environment ${name} (${said}) — a private repository on GitHub Free has no environments (Pro and Team: environments without required reviewers; Enterprise: with them): make the repository public or move it to a paid plan, then re-run; until then no deploy job gets a secret, so deploys fail (nothing ships)`;
}

export function ungatedMessage(name: string, said: string): string {
  return `${name} is NOT gated: GitHub refused its protection rules (422 "${said}") — on GitHub Free, Pro and Team required reviewers work only in public repositories: make the repository public or move it to GitHub Enterprise; until then every push to its branch deploys without approval. Re-run with --accept-ungated to accept that knowingly`;
}

export function environmentResource(
  gh: GitHub,
  repo: Repository,
  want: DesiredEnvironment,
): Resource {
  const name = `environment ${want.name}`;
  const path = { ...repo, environment_name: want.name };

  async function readLive(): Promise<LiveEnvironment | undefined> {
    try {
      const response = await gh.request(
        "GET /repos/{owner}/{repo}/environments/{environment_name}",
        path,
      );
      return liveEnvironmentSchema.parse(response.data);
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async function readPolicies(): Promise<BranchPolicy[]> {
    try {
      const response = await gh.request(
        "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies",
        { ...path, per_page: 100 },
      );
      return branchPoliciesSchema.parse(response.data).branch_policies;
    } catch (error) {
      // Without custom branch policies GitHub has no list to show.
      if (isStatus(error, 404)) return [];
      throw error;
    }
  }

  async function put(body: Record<string, unknown>): Promise<void> {
    // can_admins_bypass is accepted by github.com's PUT but missing from the OpenAPI description
    // (google/go-github#2725), hence the untyped body.
    await gh.request(
      "PUT /repos/{owner}/{repo}/environments/{environment_name}",
      { ...path, ...body } as Parameters<typeof gh.request>[1] & typeof path,
    );
  }

  async function apply(existed: boolean): Promise<SetupItem> {
    const reviewers = await resolveReviewers(gh, want.name, want.reviewers);
    const branchPolicy = {
      protected_branches: false,
      custom_branch_policies: true,
    };
    let refused: string | undefined;
    try {
      await put({
        ...(reviewers.length > 0
          ? { reviewers, prevent_self_review: want.preventSelfReview }
          : { reviewers: [], prevent_self_review: false }),
        deployment_branch_policy: branchPolicy,
        can_admins_bypass: false,
      });
    } catch (error) {
      const none = existed ? undefined : isNoEnvironments(error);
      if (none !== undefined)
        throw new SetupError(noEnvironmentsMessage(want.name, none));
      refused = isPlanRefusal(error);
      if (refused === undefined) throw error;
      // Keep what the plan allows (the environment, its branch rule, its secrets) and say so.
      try {
        await put({
          deployment_branch_policy: branchPolicy,
          can_admins_bypass: false,
        });
      } catch (second) {
        if (isPlanRefusal(second) === undefined) throw second;
        await put({});
      }
    }
    const policies = await readPolicies();
    for (const stale of policies.filter(
      (p) => p.name !== want.branch || (p.type ?? "branch") !== "branch",
    )) {
      await gh.request(
        "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}",
        { ...path, branch_policy_id: stale.id },
      );
    }
    if (
      !policies.some(
        (p) => p.name === want.branch && (p.type ?? "branch") === "branch",
      )
    ) {
      const live = await readLive();
      if (live?.deployment_branch_policy?.custom_branch_policies) {
        await gh.request(
          "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies",
          { ...path, name: want.branch, type: "branch" },
        );
      }
    }
    if (refused !== undefined) {
      return {
        resource: name,
        state: "ungated",
        detail: ungatedMessage(want.name, refused),
        gateOnly: true,
      };
    }
    const after = await readLive();
    const left = after
      ? environmentDifferences(want, after, await readPolicies())
      : [{ text: "still missing after PUT", gate: false }];
    if (left.length > 0) {
      // GitHub accepted the request but did not store everything (e.g. a server without
      // can_admins_bypass): say what is still off instead of reporting success.
      throw new Error(
        `${name}: GitHub kept ${left.map((d) => d.text).join("; ")} — set it in Settings → Environments → ${want.name}`,
      );
    }
    return {
      resource: name,
      state: existed ? "updated" : "created",
      detail: describeWanted(want),
    };
  }

  return {
    name,
    inspect: async (): Promise<Inspection> => {
      const live = await readLive();
      if (!live) {
        return {
          state: "missing",
          detail: `would be created: ${describeWanted(want)}`,
          apply: () => apply(false),
        };
      }
      const diffs = environmentDifferences(want, live, await readPolicies());
      if (diffs.length === 0)
        return { state: "ok", detail: describeWanted(want) };
      const gateOnly = diffs.every((d) => d.gate);
      return {
        state: "differs",
        detail: `${gateOnly ? "NOT gated: " : ""}${diffs.map((d) => d.text).join("; ")}`,
        gateOnly,
        apply: () => apply(true),
      };
    },
  };
}

function describeWanted(want: DesiredEnvironment): string {
  const gate =
    want.reviewers.length === 0
      ? "no reviewers"
      : `reviewers ${want.reviewers.join(", ")}${want.preventSelfReview ? ", no self-review" : ""}`;
  return `deploys only from ${want.branch}, ${gate}, admins cannot bypass`;
}
