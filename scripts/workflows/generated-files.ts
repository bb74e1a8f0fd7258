/**
 * Reading and writing the generated files of a checkout. The root is a parameter so tests can run
 * the real logic against a temporary copy.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { isGenerated } from "./header";
import {
  CONFIG_DIR,
  DIAGRAMS_DIR,
  WORKFLOWS_DIR,
  type PlannedFile,
} from "./locations";

export interface ExistingFile {
  readonly path: string;
  readonly content: string;
}

function listDir(root: string, dir: string, pattern: RegExp): ExistingFile[] {
  let names: string[];
  try {
    names = readdirSync(path.join(root, dir));
  } catch {
    return [];
  }
  return names
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => ({
      path: `${dir}/${name}`,
      content: readFileSync(path.join(root, dir, name), "utf8"),
    }));
}

/** Every workflow file, ours or not (actionlint and the audit judge them all). */
export function readWorkflowFiles(root: string): ExistingFile[] {
  return listDir(root, WORKFLOWS_DIR, /\.ya?ml$/);
}

export const ACTIONS_DIR = ".github/actions";

/** Every composite action's action.yml under .github/actions/<name>/ (the audit judges them). */
export function readActionFiles(root: string): ExistingFile[] {
  let names: string[];
  try {
    names = readdirSync(path.join(root, ACTIONS_DIR)).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) =>
    listDir(root, `${ACTIONS_DIR}/${name}`, /^action\.ya?ml$/),
  );
}

/**
 * Files in the generated locations, ours or not: the check tells them apart by header. `.github/`
 * itself holds the config files (dependabot.yml); a hand-written one there is never touched.
 */
export function readGeneratedLocations(root: string): ExistingFile[] {
  return [
    ...listDir(root, CONFIG_DIR, /\.ya?ml$/),
    ...readWorkflowFiles(root),
    ...listDir(root, DIAGRAMS_DIR, /\.md$/),
  ];
}

export interface SyncPlan {
  readonly write: readonly PlannedFile[];
  readonly unchanged: readonly PlannedFile[];
  /** Carry our header but no longer come from any source. Files without it are never touched. */
  readonly remove: readonly string[];
}

export function planSync(
  planned: readonly PlannedFile[],
  existing: readonly ExistingFile[],
): SyncPlan {
  const current = new Map(existing.map((f) => [f.path, f.content]));
  const wanted = new Set(planned.map((f) => f.path));
  return {
    write: planned.filter((f) => current.get(f.path) !== f.content),
    unchanged: planned.filter((f) => current.get(f.path) === f.content),
    remove: existing
      .filter((f) => !wanted.has(f.path) && isGenerated(f.content))
      .map((f) => f.path),
  };
}

export function applySync(root: string, plan: SyncPlan): void {
  for (const file of plan.write) {
    const target = path.join(root, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
  for (const file of plan.remove) rmSync(path.join(root, file));
}
