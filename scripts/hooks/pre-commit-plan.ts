/**
 * Which checks a commit needs, from the paths it stages. Pure: the hook feeds it `git diff --cached`
 * and `git status`, tests feed it lists. CI runs every check anyway; the hook only runs the ones the
 * staged files can break, so a typical commit stays well under a few seconds.
 */
import { isGeneratorInput } from "../workflows/watch.ts";

export interface StagedPath {
  readonly path: string;
  /** Deleted in this commit: still a reason to run a check, but nothing to format. */
  readonly deleted: boolean;
}

export interface PreCommitPlan {
  /** npm run check:workflows: the YAML and diagrams match workflows-src, actionlint passes. */
  readonly workflows: boolean;
  /** npm run lint:migrations: the migration gate. */
  readonly migrations: boolean;
  /** Staged files for `prettier --check --ignore-unknown` (it skips what it cannot format). */
  readonly prettier: readonly string[];
}

export function nulList(text: string): string[] {
  return text.split("\0").filter(Boolean);
}

/** `git diff --cached --name-status -z` prints status and path as separate NUL-terminated fields. */
export function parseNameStatus(text: string): StagedPath[] {
  const fields = nulList(text);
  const staged: StagedPath[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    staged.push({ path: fields[i + 1]!, deleted: fields[i] === "D" });
  }
  return staged;
}

export function isWorkflowInput(path: string): boolean {
  return (
    isGeneratorInput(path) ||
    path.startsWith(".github/") ||
    path.startsWith("docs/deployment/diagrams/")
  );
}

export function isMigrationInput(path: string): boolean {
  return path.startsWith("drizzle/migrations/");
}

const MIGRATION_GATE_READS = [
  "wrangler.jsonc",
  "drizzle.config.ts",
  "src/db/schema.ts",
];
const PRETTIER_CONFIG = /^\.prettier(rc.*|ignore)$|^prettier\.config\./;

export function planPreCommit(staged: readonly StagedPath[]): PreCommitPlan {
  return {
    workflows: staged.some((s) => isWorkflowInput(s.path)),
    migrations: staged.some((s) => isMigrationInput(s.path)),
    prettier: staged.filter((s) => !s.deleted).map((s) => s.path),
  };
}

/**
 * Whether a working-tree change that is not staged could change a planned check's verdict. Then
 * the checks run on an export of the index instead, so the hook judges exactly what is committed
 * (a regenerated YAML left unstaged must not hide a stale one in the commit).
 */
export function needsSnapshot(
  plan: PreCommitPlan,
  unstaged: readonly string[],
): boolean {
  return unstaged.some(
    (path) =>
      (plan.workflows &&
        (isWorkflowInput(path) || path.startsWith("workflows-src/"))) ||
      (plan.migrations &&
        (isMigrationInput(path) ||
          MIGRATION_GATE_READS.includes(path) ||
          path.startsWith("scripts/migration-lint/"))) ||
      (plan.prettier.length > 0 &&
        (plan.prettier.includes(path) || PRETTIER_CONFIG.test(path))),
  );
}
