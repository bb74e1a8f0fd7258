/**
 * Judges a red-team fixture the way audit:workflows judges a checkout: the workflow file plus the
 * case repository's files (package.json, lockfiles, .npmrc, local actions, executed files).
 */
import { actions } from "../../../../workflows-src/actions";
import { auditFile } from "../audit";
import {
  contractEnv,
  environmentSecrets,
  readScripts,
  type PolicyContext,
} from "../context";
import type { Fixture } from "./cases";
import { repoFiles } from "./repo";

export const WORKFLOW = ".github/workflows/redteam.yml";

export function caseContext(
  overlay: Readonly<Record<string, string | undefined>> = {},
): PolicyContext {
  const files: Record<string, string | undefined> = {
    ...repoFiles(),
    ...overlay,
  };
  const readFile = (file: string) => files[file];
  return {
    catalog: Object.values(actions),
    environments: environmentSecrets(),
    contracts: contractEnv(),
    scripts: readScripts(readFile),
    readFile,
  };
}

/** Findings as `rule message` lines; bad input (GitHub would refuse it too) is one line as well. */
export function judge(fixture: Fixture): string[] {
  const result = auditFile(WORKFLOW, fixture.yaml, caseContext(fixture.files));
  if (!result.ok) return [`${result.problem.rule} ${result.problem.message}`];
  return result.findings.map((f) => `${f.line ?? "?"} ${f.rule} ${f.message}`);
}
