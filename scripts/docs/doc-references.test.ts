import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import {
  brokenReferences,
  extractReferences,
  type RepoFacts,
} from "./doc-references.ts";

const root = join(import.meta.dirname, "..", "..");

function repoFacts(): RepoFacts {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const wfDir = join(root, ".github", "workflows");
  const workflows = new Map<string, Set<string>>();
  for (const f of existsSync(wfDir) ? readdirSync(wfDir) : []) {
    if (!/\.ya?ml$/.test(f)) continue;
    const doc = parse(readFileSync(join(wfDir, f), "utf8")) as {
      jobs?: Record<string, unknown>;
    };
    workflows.set(f, new Set(Object.keys(doc.jobs ?? {})));
  }
  return {
    scripts: new Set(Object.keys(pkg.scripts)),
    pathExists: (p) => existsSync(join(root, p)),
    workflows,
  };
}

function guides(): string[] {
  const dir = join(root, "docs", "deployment");
  const docs = existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".md"))
        .map((f) => join("docs", "deployment", f))
    : [];
  return ["README.md", ...docs].filter((f) => existsSync(join(root, f)));
}

describe("the guides agree with the code", () => {
  const facts = repoFacts();
  for (const doc of guides()) {
    it(`${doc}: every npm script, path, workflow and job it names exists`, () => {
      const refs = extractReferences(
        readFileSync(join(root, doc), "utf8"),
        dirname(doc),
      );
      expect(brokenReferences(doc, refs, facts)).toEqual([]);
    });
  }
});

describe("extractReferences", () => {
  const facts: RepoFacts = {
    scripts: new Set(["rehearse", "gen:workflows"]),
    pathExists: (p) =>
      [
        "docs/deployment/RUNBOOK.md",
        "scripts/deploy",
        "workflows-src/environments.ts",
      ].includes(p),
    workflows: new Map([
      ["deploy.yml", new Set(["quality", "deploy-staging"])],
    ]),
  };
  const md = [
    "Run `npm run rehearse`, then `npm run gen:workflow`.", // 1: typo in the script name
    "Edit `workflows-src/environments.ts` or `workflows-src/env.ts`.", // 2
    "See [the runbook](RUNBOOK.md) and [old](missing.md#x) and [web](https://example.com).", // 3
    "The job `deploy-staging` runs after jobs `quality` and `deploy-prod`.", // 4
    "`deploy.yml` and `release.yml`; `/api/health` and `scripts/deploy/` too.", // 5
    "```bash",
    "npm run nope",
    "cat not/a/checked/path.ts",
    "```",
  ].join("\n");

  it("reports each broken reference with its line and a fix", () => {
    const problems = brokenReferences(
      "docs/deployment/x.md",
      extractReferences(md, "docs/deployment"),
      facts,
    );
    expect(problems).toEqual([
      'docs/deployment/x.md:1: `npm run gen:workflow` — package.json has no "gen:workflow" script; fix the guide or add the script',
      "docs/deployment/x.md:2: workflows-src/env.ts does not exist; fix the path in the guide",
      "docs/deployment/x.md:3: docs/deployment/missing.md does not exist; fix the path in the guide",
      'docs/deployment/x.md:4: no workflow has a job "deploy-prod"; use one of: deploy-staging, quality',
      "docs/deployment/x.md:5: workflow release.yml is not generated into .github/workflows; fix the name",
      'docs/deployment/x.md:7: `npm run nope` — package.json has no "nope" script; fix the guide or add the script',
    ]);
  });
});
