/**
 * What GitHub should look like, computed from environments.ts and quality.yml's source: pure data,
 * so a test can read it without a network and the plan can compare it field by field.
 */
import {
  reviewMode,
  type Environment,
  type Environments,
  type ReviewMode,
} from "../../../workflows-src/builders/environment-model";
import { GITHUB_ACTIONS_APP_ID } from "./required-checks";

/**
 * What a pull request into a deploy branch needs besides passing checks, per review mode
 * (environments.ts `review`). Two-person: one approval plus a code owner's review, so nobody
 * merges their own change alone. Single-maintainer: no approval (GitHub never lets an author
 * approve their own pull request, so one person could not merge at all); the checks still gate.
 */
export function pullRequestReview(mode: ReviewMode): {
  approvals: number;
  codeOwners: boolean;
} {
  return mode === "single-maintainer"
    ? { approvals: 0, codeOwners: false }
    : { approvals: 1, codeOwners: true };
}

export interface DesiredEnvironment {
  readonly name: string;
  readonly branch: string;
  /** Logins ("octocat") and teams ("org/slug"), as environments.ts lists them. */
  readonly reviewers: readonly string[];
  readonly preventSelfReview: boolean;
  readonly review: ReviewMode;
  readonly secrets: readonly string[];
}

export function desiredEnvironment(env: Environment): DesiredEnvironment {
  return {
    name: env.name,
    branch: env.branch,
    reviewers: env.reviewers,
    preventSelfReview: env.preventSelfReview,
    review: reviewMode(env),
    secrets: env.secrets,
  };
}

export function desiredEnvironments(envs: Environments): DesiredEnvironment[] {
  return Object.values(envs).map(desiredEnvironment);
}

export function rulesetName(branch: string): string {
  return `deploy branch ${branch}`;
}

export interface StatusCheck {
  context: string;
  integration_id?: number;
}

export type Rule =
  | { type: "deletion" }
  | { type: "non_fast_forward" }
  | {
      type: "pull_request";
      parameters: {
        required_approving_review_count: number;
        dismiss_stale_reviews_on_push: boolean;
        require_code_owner_review: boolean;
        require_last_push_approval: boolean;
        required_review_thread_resolution: boolean;
      };
    }
  | {
      type: "required_status_checks";
      parameters: {
        strict_required_status_checks_policy: boolean;
        required_status_checks: StatusCheck[];
      };
    };

/** The request body of "Create a repository ruleset" / "Update a repository ruleset". */
export interface RulesetBody {
  name: string;
  target: "branch";
  enforcement: "active";
  /** Nobody bypasses: a break-glass change goes through disabling the ruleset, which --check reports. */
  bypass_actors: [];
  conditions: {
    ref_name: {
      include: string[];
      exclude: string[];
    };
  };
  rules: Rule[];
}

export function rulesetBody(
  branch: string,
  checks: string[],
  mode: ReviewMode = "two-person",
): RulesetBody {
  const review = pullRequestReview(mode);
  return {
    name: rulesetName(branch),
    target: "branch",
    enforcement: "active",
    bypass_actors: [],
    conditions: {
      ref_name: { include: [`refs/heads/${branch}`], exclude: [] },
    },
    rules: [
      { type: "deletion" },
      { type: "non_fast_forward" },
      {
        type: "pull_request",
        parameters: {
          required_approving_review_count: review.approvals,
          dismiss_stale_reviews_on_push: true,
          require_code_owner_review: review.codeOwners,
          require_last_push_approval: false,
          required_review_thread_resolution: false,
        },
      },
      {
        type: "required_status_checks",
        parameters: {
          strict_required_status_checks_policy: true,
          required_status_checks: checks.map((context) => ({
            context,
            integration_id: GITHUB_ACTIONS_APP_ID,
          })),
        },
      },
    ],
  };
}
