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
import { recordPins } from "../pins-record";
// This repository's own environments (the guestbook's): what its workflows are judged against.
import * as guestbook from "../../../../workflows-src/environments";

export const WORKFLOW = ".github/workflows/redteam.yml";

export interface Fixture {
  readonly yaml: string;
  /** Files laid over the case repository; undefined removes one. */
  readonly files?: Readonly<Record<string, string | undefined>>;
}

type Files = Readonly<Record<string, string | undefined>>;

export function caseContext(base: Files, overlay: Files = {}): PolicyContext {
  const files: Files = { ...base, ...overlay };
  const readFile = (file: string) => files[file];
  return {
    catalog: Object.values(actions),
    environments: environmentSecrets(guestbook),
    previewEnvironment: guestbook.preview.name,
    contracts: contractEnv(),
    scripts: readScripts(readFile),
    readFile,
  };
}

/**
 * Findings as `line rule message`; bad input (GitHub would refuse it too) is one line as well.
 * The pins are those gen:workflows records for this workflow (and its local actions) over the
 * unchanged case repository: what a reviewer approved before the case's other files changed.
 */
export function judge(fixture: Fixture, base: Files): string[] {
  const actionFiles = Object.fromEntries(
    Object.entries(fixture.files ?? {}).filter(([f]) =>
      f.startsWith(".github/"),
    ),
  );
  const pins = recordPins(
    [{ content: fixture.yaml }],
    caseContext(base, actionFiles),
  );
  const ctx = { ...caseContext(base, fixture.files), pins };
  const result = auditFile(WORKFLOW, fixture.yaml, ctx);
  if (!result.ok) return [`${result.problem.rule} ${result.problem.message}`];
  return result.findings.map((f) => `${f.line ?? "?"} ${f.rule} ${f.message}`);
}
