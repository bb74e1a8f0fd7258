/**
 * One attack and its fixed twin per rule, as real YAML files under fixtures/<rule-id>/: the attack
 * must be reported under that rule, the twin must audit clean. A fixture directory may carry its
 * own package.json (scripts the steps reach) and .github/actions/ (local composite actions).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { actions } from "../../../workflows-src/actions";
import { auditFile } from "./audit";
import {
  contractEnv,
  environmentSecrets,
  readFileIn,
  readScripts,
} from "./context";
import { CASES } from "./redteam/fixtures/redteam";
import { RULES, type RuleId } from "./rules";
// This repository's own environments (the guestbook's): what its workflows are judged against.
import * as guestbook from "../../../workflows-src/environments";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const FIXTURES = path.join(HERE, "fixtures");
const REPO = path.join(HERE, "../../..");

function audit(rule: string, file: "attack.yml" | "fixed.yml") {
  const dir = path.join(FIXTURES, rule);
  // The fixture's own files first (package.json, local actions), then the repository's (the files
  // its scripts execute).
  const ownFile = readFileIn(dir);
  const repoFile = readFileIn(REPO);
  const readFile = (file: string) => ownFile(file) ?? repoFile(file);
  const own = existsSync(path.join(dir, "package.json"));
  const result = auditFile(
    `fixtures/${rule}/${file}`,
    readFileSync(path.join(dir, file), "utf8"),
    {
      catalog: Object.values(actions),
      environments: environmentSecrets(guestbook),
      previewEnvironment: guestbook.preview.name,
      contracts: contractEnv(),
      scripts: readScripts(own ? ownFile : repoFile),
      readFile,
    },
  );
  if (!result.ok) throw new Error(result.problem.message);
  return result.findings;
}

describe("policy fixtures", () => {
  it("has a fixture directory or a red-team case (redteam/cases.ts) for every rule, and no stray directory", () => {
    const dirs = readdirSync(FIXTURES);
    const covered = new Set([...dirs, ...CASES.map((c) => c.rule)]);
    expect(Object.keys(RULES).filter((rule) => !covered.has(rule))).toEqual([]);
    expect(dirs.filter((dir) => !(dir in RULES))).toEqual([]);
  });

  it("names every rule in docs/deployment/workflow-policy.md", () => {
    const guide = readFileSync(
      path.join(REPO, "docs/deployment/workflow-policy.md"),
      "utf8",
    );
    const missing = Object.keys(RULES).filter(
      (rule) => !guide.includes(`\`${rule}\``),
    );
    expect(missing).toEqual([]);
  });

  for (const rule of readdirSync(FIXTURES) as RuleId[]) {
    it(`${rule}: stops the attack, passes the fixed twin`, () => {
      expect(audit(rule, "attack.yml").map((f) => f.rule)).toContain(rule);
      expect(audit(rule, "fixed.yml")).toEqual([]);
    });
  }
});
