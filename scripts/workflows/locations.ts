/**
 * Where generated files live and what a planned file is. Kept apart from plan.ts (which loads the
 * builders) so the processes that check and write never load workflows-src beyond its data.
 */
export const CONFIG_DIR = ".github";
export const WORKFLOWS_DIR = ".github/workflows";
export const DIAGRAMS_DIR = "docs/deployment/diagrams";

export interface PlannedFile {
  /** Repository-relative, forward slashes. */
  readonly path: string;
  readonly content: string;
  readonly source: string;
}

export function diagramPath(file: string): string {
  return `${DIAGRAMS_DIR}/${file.replace(/\.ya?ml$/, "")}.md`;
}
