/**
 * The preview rules beyond their fixtures: a checkout of the pull request, an install hidden in a
 * package.json script, an `||` around the same-repository check; and the shapes they let through
 * (the weekly sweep never runs on pull requests, so it may check out the default branch).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { actions } from "../../../workflows-src/actions";
import { auditFile } from "./audit";
import { contractEnv, environmentSecrets } from "./context";
import { installsPackages } from "./preview-rules";
// This repository's own environments (the guestbook's): what its workflows are judged against.
import * as guestbook from "../../../workflows-src/environments";

const FIXED = readFileSync(
  fileURLToPath(
    new URL("./fixtures/preview-pr-code/fixed.yml", import.meta.url),
  ),
  "utf8",
);
const REPO = path.join(
  fileURLToPath(new URL(".", import.meta.url)),
  "../../..",
);

function findings(yaml: string, scripts: Record<string, string> = {}) {
  const result = auditFile("preview.yml", yaml, {
    catalog: Object.values(actions),
    environments: environmentSecrets(guestbook),
    previewEnvironment: guestbook.preview.name,
    contracts: contractEnv(),
    scripts: {
      "deploy:toolset": "bash scripts/deploy-toolset/install.sh",
      "deploy:preview": "tsx scripts/deploy/preview/preview-cli.ts",
      ...scripts,
    },
    readFile: (file) => {
      try {
        return readFileSync(path.join(REPO, file), "utf8");
      } catch {
        return undefined;
      }
    },
  });
  if (!result.ok) throw new Error(result.problem.message);
  return result.findings.map((f) => `${f.rule}: ${f.message}`);
}

describe("preview job policy", () => {
  it("passes the generated shape", () => {
    expect(findings(FIXED)).toEqual([]);
  });

  it("refuses a checkout of the pull request (no base ref)", () => {
    const yaml = FIXED.replace(
      "          ref: ${{ github.event.pull_request.base.sha }}\n",
      "",
    );
    expect(findings(yaml)).toEqual([
      expect.stringMatching(/^preview-pr-code: .*checks out the pull request/),
    ]);
  });

  it("refuses an install hidden in a package.json script", () => {
    const yaml = FIXED.replace("npm run deploy:toolset", "npm run setup:deps");
    expect(
      findings(yaml, { "setup:deps": "npm install --no-audit" }).filter((f) =>
        f.startsWith("preview-pr-code"),
      ),
    ).toEqual([
      expect.stringMatching(
        /runs npm script setup:deps, which runs "npm install/,
      ),
    ]);
  });

  it("refuses a same-repository check that an || can bypass", () => {
    const yaml = FIXED.replace(
      /^ {4}if: .*$/m,
      "    if: github.event.pull_request.head.repo.full_name == github.repository || github.actor == 'dependabot[bot]'",
    );
    expect(findings(yaml)).toContainEqual(
      expect.stringMatching(/^preview-same-repo: /),
    );
  });

  it("lets a job that never runs on pull requests check out the default branch (the sweep)", () => {
    const yaml = FIXED.replace(
      "          ref: ${{ github.event.pull_request.base.sha }}\n",
      "",
    ).replace(/^ {4}if: .*$/m, "    if: github.event_name != 'pull_request'");
    expect(findings(yaml)).toEqual([]);
  });

  it("knows the install commands, not look-alikes", () => {
    for (const command of [
      "npm ci",
      "npm i left-pad",
      "pnpm install --frozen-lockfile",
      "yarn",
      "npx wrangler",
      "cd x && npm install",
    ])
      expect(installsPackages(command), command).toBe(true);
    for (const command of [
      "npm run deploy:toolset",
      "npm run deploy:preview",
      "tsx scripts/x.ts",
    ])
      expect(installsPackages(command), command).toBe(false);
  });
});
