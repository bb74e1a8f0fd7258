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

/** Where a repository keeps what its hook checks. */
export interface HookLayout {
  /** The folder the migration gate lints (wrangler's migrations_dir, repository-relative); none without D1. */
  readonly migrations: string | undefined;
  /** Other files the gate reads: a change to them while unstaged means judging an index export. */
  readonly gateReads: readonly string[];
  /** Prettier on the staged files (an adopter's own tooling formats: init adds no Prettier step). */
  readonly prettier: boolean;
}

/** This repository's. */
export const GUESTBOOK_LAYOUT: HookLayout = {
  migrations: "drizzle/migrations",
  gateReads: [
    "wrangler.jsonc",
    "drizzle.config.ts",
    "src/db/schema.ts",
    "scripts/migration-lint/",
  ],
  prettier: true,
};

export function isMigrationInput(
  path: string,
  layout: HookLayout = GUESTBOOK_LAYOUT,
): boolean {
  return (
    layout.migrations !== undefined &&
    path.startsWith(`${layout.migrations.replace(/\/+$/, "")}/`)
  );
}

const PRETTIER_CONFIG = /^\.prettier(rc.*|ignore)$|^prettier\.config\./;

export function planPreCommit(
  staged: readonly StagedPath[],
  layout: HookLayout = GUESTBOOK_LAYOUT,
): PreCommitPlan {
  return {
    workflows: staged.some((s) => isWorkflowInput(s.path)),
    migrations: staged.some((s) => isMigrationInput(s.path, layout)),
    prettier: layout.prettier
      ? staged.filter((s) => !s.deleted).map((s) => s.path)
      : [],
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
  layout: HookLayout = GUESTBOOK_LAYOUT,
): boolean {
  const gateReads = (path: string) =>
    layout.gateReads.some((read) =>
      read.endsWith("/") ? path.startsWith(read) : path === read,
    );
  return unstaged.some(
    (path) =>
      (plan.workflows &&
        (isWorkflowInput(path) || path.startsWith("workflows-src/"))) ||
      (plan.migrations &&
        (isMigrationInput(path, layout) || gateReads(path))) ||
      (plan.prettier.length > 0 &&
        (plan.prettier.includes(path) || PRETTIER_CONFIG.test(path))),
  );
}
