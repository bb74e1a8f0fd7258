import { unstable_readConfig } from "wrangler";
import { describe, expect, it } from "vitest";
import {
  environmentForBranch,
  environments,
  getEnvironment,
} from "./environments";
import {
  parseEnvironments,
  PLACEHOLDER_REVIEWER,
  workersDevUrl,
  type Environments,
} from "./builders/environment-model";
import { WORKERS_DEV_SUBDOMAIN } from "./cloudflare-account";

function valid(): Environments {
  return structuredClone(environments);
}

describe("environments", () => {
  it("defines staging from develop without reviewers and production from main with reviewers", () => {
    expect(environments.staging).toMatchObject({
      branch: "develop",
      reviewers: [],
      preventSelfReview: false,
      d1Binding: "DB",
    });
    expect(environments.production).toMatchObject({
      branch: "main",
      preventSelfReview: true,
      d1Binding: "DB",
    });
    expect(environments.production.reviewers.length).toBeGreaterThan(0);
    for (const env of Object.values(environments)) {
      expect(env.secrets).toEqual([
        "CLOUDFLARE_API_TOKEN",
        "CLOUDFLARE_ACCOUNT_ID",
      ]);
    }
  });

  it("finds the environment for a branch", () => {
    expect(environmentForBranch("develop")?.name).toBe("staging");
    expect(environmentForBranch("main")?.name).toBe("production");
    expect(environmentForBranch("feature/x")).toBeUndefined();
  });

  it("names unknown environments and the valid ones", () => {
    expect(getEnvironment("production").name).toBe("production");
    expect(() => getEnvironment("prod")).toThrow(
      'environments.ts: unknown environment "prod" — use one of staging, production',
    );
  });
});

describe("environments agree with wrangler.jsonc", () => {
  it.each(Object.values(environments))(
    "$name: env, binding and database name",
    (env) => {
      const config = unstable_readConfig({
        config: "wrangler.jsonc",
        env: env.wranglerEnv,
      });
      expect(
        config.name,
        `wrangler.jsonc has no env.${env.wranglerEnv}`,
      ).not.toBe(unstable_readConfig({ config: "wrangler.jsonc" }).name);
      const db = config.d1_databases.find(
        (d: { binding: string }) => d.binding === env.d1Binding,
      ) as { database_name?: string } | undefined;
      expect(db?.database_name).toBe(env.d1DatabaseName);
      expect(env.url).toContain(config.name ?? "");
    },
  );
});

describe("parseEnvironments", () => {
  it("accepts the shipped definitions unchanged", () => {
    expect(parseEnvironments(valid())).toEqual(environments);
  });

  it("reports an invalid URL with its field path, value and fix", () => {
    const raw = valid();
    raw.production.url = "prod";
    expect(() => parseEnvironments(raw)).toThrow(
      'environments.ts: production.url: Invalid URL ("prod") — use https://…',
    );
  });

  it("rejects plain http", () => {
    const raw = valid();
    raw.staging.url = "http://staging.example.com";
    expect(() => parseEnvironments(raw)).toThrow(
      /^environments\.ts: staging\.url: Invalid URL/,
    );
  });

  it("reports a missing field as missing", () => {
    const raw = valid() as unknown as { staging: Record<string, unknown> };
    delete raw.staging["d1DatabaseName"];
    expect(() => parseEnvironments(raw)).toThrow(
      "environments.ts: staging.d1DatabaseName: Missing — use the database_name from wrangler.jsonc for this env",
    );
  });

  it("requires the DB binding", () => {
    const raw = valid() as unknown as { production: Record<string, unknown> };
    raw.production["d1Binding"] = "DATABASE";
    expect(() => parseEnvironments(raw)).toThrow(
      /^environments\.ts: production\.d1Binding: Invalid D1 binding \(must be "DB"\) \("DATABASE"\)/,
    );
  });

  it("points at the offending secret by index", () => {
    const raw = valid();
    raw.staging.secrets = ["CLOUDFLARE_API_TOKEN", "lower-case"];
    expect(() => parseEnvironments(raw)).toThrow(
      /^environments\.ts: staging\.secrets\.1: Invalid secret name \("lower-case"\)/,
    );
  });

  it("rejects a name that differs from its key, and shared branches", () => {
    const raw = valid();
    raw.production.name = "prod";
    raw.production.branch = "develop";
    let message = "";
    try {
      parseEnvironments(raw);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      'environments.ts: production.name: Name differs from its key "production" ("prod") — use lower-case letters, digits and dashes, equal to its key',
      'environments.ts: production.branch: Same branch as staging ("develop") — use a git branch name such as develop or main, one per environment',
    ]);
  });

  it("refuses an ungated production and self-review rules without reviewers", () => {
    const raw = valid();
    raw.production.reviewers = [];
    let message = "";
    try {
      parseEnvironments(raw);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      "environments.ts: production.reviewers: No reviewers: production would deploy without approval ([]) — list up to 6 GitHub logins or org/team slugs (read access approves deploys; code owners need write access)",
      'environments.ts: production.preventSelfReview: Needs at least two reviewers (has 0): whoever dispatches a rollback cannot approve it (true) — list a second reviewer, or set preventSelfReview: false with review: "single-maintainer"',
    ]);
  });

  it("refuses prevent-self-review with one reviewer: nobody could approve that reviewer's rollback", () => {
    const raw = valid();
    raw.production.reviewers = ["octocat"];
    expect(() => parseEnvironments(raw)).toThrow(
      'environments.ts: production.preventSelfReview: Needs at least two reviewers (has 1): whoever dispatches a rollback cannot approve it (true) — list a second reviewer, or set preventSelfReview: false with review: "single-maintainer"',
    );
    raw.production.reviewers = ["octocat", "acme/release"];
    expect(parseEnvironments(raw).production.reviewers).toHaveLength(2);
  });

  it("offers a single-maintainer setting: one reviewer who approves their own deploys", () => {
    const raw = valid();
    raw.production.reviewers = ["octocat"];
    raw.production.preventSelfReview = false;
    raw.production.review = "single-maintainer";
    expect(parseEnvironments(raw).production.review).toBe("single-maintainer");
    raw.production.preventSelfReview = true;
    expect(() => parseEnvironments(raw)).toThrow(
      /^environments\.ts: production\.preventSelfReview: Needs at least two reviewers[^\n]*\nenvironments\.ts: production\.review: single-maintainer with preventSelfReview: the maintainer could never approve \("single-maintainer"\) — use "two-person", or "single-maintainer" with preventSelfReview: false and one reviewer$/,
    );
  });

  it("ships placeholder reviewers that setup --apply refuses", () => {
    expect(
      environments.production.reviewers.every((r) =>
        PLACEHOLDER_REVIEWER.test(r),
      ),
    ).toBe(true);
  });

  it("checks reviewer names, their number and the D1 placement", () => {
    const raw = valid();
    raw.staging.reviewers = ["octocat", "acme/release-managers", "-bad"];
    expect(() => parseEnvironments(raw)).toThrow(
      /^environments\.ts: staging\.reviewers\.2: Invalid reviewer \("-bad"\)/,
    );
    raw.staging.reviewers = ["a", "b", "c", "d", "e", "f", "g"];
    expect(() => parseEnvironments(raw)).toThrow(
      /^environments\.ts: staging\.reviewers: More than 6 reviewers/,
    );
    const placed = valid();
    placed.production.d1Location = "weur";
    placed.production.d1Jurisdiction = "eu";
    expect(() => parseEnvironments(placed)).toThrow(
      'environments.ts: production.d1Jurisdiction: Both a location and a jurisdiction ("eu") — use one of eu, fedramp, us (or a d1Location, not both)',
    );
    const unknown = valid() as unknown as { staging: Record<string, unknown> };
    unknown.staging["d1Location"] = "mars";
    expect(() => parseEnvironments(unknown)).toThrow(
      /^environments\.ts: staging\.d1Location: Invalid D1 location \("mars"\) — use one of wnam/,
    );
  });

  it("builds workers.dev URLs from the account's subdomain", () => {
    expect(workersDevUrl("app-staging", "acme")).toBe(
      "https://app-staging.acme.workers.dev",
    );
    expect(environments.staging.url).toBe(
      workersDevUrl("typed-cicd-next-d1-staging", WORKERS_DEV_SUBDOMAIN),
    );
  });

  it("rejects unknown fields and unknown environments", () => {
    const raw = { ...valid(), preview: valid().staging } as unknown;
    expect(() => parseEnvironments(raw)).toThrow(
      /^environments\.ts: \(root\): .*preview/,
    );
    const extra = valid() as unknown as { staging: Record<string, unknown> };
    extra.staging["region"] = "eu";
    expect(() => parseEnvironments(extra)).toThrow(
      /^environments\.ts: staging: .*region/,
    );
  });
});
