import { describe, expect, it } from "vitest";
import type { DesiredEnvironment } from "./desired";
import { environmentDifferences, type LiveEnvironment } from "./environment";

const want: DesiredEnvironment = {
  name: "production",
  branch: "main",
  reviewers: ["Octocat", "acme/release"],
  preventSelfReview: true,
  review: "two-person",
  secrets: ["CLOUDFLARE_API_TOKEN"],
};

const live: LiveEnvironment = {
  name: "production",
  can_admins_bypass: false,
  protection_rules: [
    {
      type: "required_reviewers",
      prevent_self_review: true,
      reviewers: [
        { type: "User", reviewer: { login: "octocat" } },
        { type: "Team", reviewer: { slug: "release" } },
      ],
    },
  ],
  deployment_branch_policy: {
    protected_branches: false,
    custom_branch_policies: true,
  },
};

describe("environmentDifferences", () => {
  it("matches logins case-insensitively and teams by slug", () => {
    expect(
      environmentDifferences(want, live, [
        { id: 1, name: "main", type: "branch" },
      ]),
    ).toEqual([]);
  });

  it("marks reviewer and self-review gaps as gate-only, everything else not", () => {
    const open: LiveEnvironment = {
      name: "production",
      protection_rules: [],
      deployment_branch_policy: null,
    };
    expect(environmentDifferences(want, open, [])).toEqual([
      { text: "reviewers [] → [Octocat, acme/release]", gate: true },
      { text: "prevent_self_review false → true", gate: true },
      { text: "can_admins_bypass unset → false", gate: false },
      { text: "deployment branches all → only main", gate: false },
    ]);
  });

  it("wants exactly one branch policy: the environment's branch", () => {
    expect(
      environmentDifferences(want, live, [
        { id: 1, name: "main", type: "branch" },
        { id: 2, name: "v*", type: "tag" },
      ]),
    ).toEqual([
      { text: "deployment branch policies [main, v*] → [main]", gate: false },
    ]);
  });
});
