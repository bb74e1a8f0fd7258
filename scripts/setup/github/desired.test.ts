import { describe, expect, it } from "vitest";
import { rulesetBody } from "./desired";

const pullRequest = (mode: "two-person" | "single-maintainer") =>
  rulesetBody("main", ["Static checks"], mode).rules.find(
    (rule) => rule.type === "pull_request",
  );

describe("the deploy-branch ruleset per review mode", () => {
  it("two-person: one approval and a code owner's review", () => {
    expect(pullRequest("two-person")?.parameters).toMatchObject({
      required_approving_review_count: 1,
      require_code_owner_review: true,
    });
  });

  it("single-maintainer: no approval (an author cannot approve their own pull request); checks still required", () => {
    expect(pullRequest("single-maintainer")?.parameters).toMatchObject({
      required_approving_review_count: 0,
      require_code_owner_review: false,
    });
    expect(
      rulesetBody("main", ["Static checks"], "single-maintainer").rules.map(
        (r) => r.type,
      ),
    ).toContain("required_status_checks");
  });
});
