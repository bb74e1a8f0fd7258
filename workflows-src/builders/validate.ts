/**
 * Rules GitHub enforces on ids and file names, checked when a job or workflow is defined, so the
 * error names the TypeScript line that defined it (and GitHub's documentation of the rule) instead
 * of a line of generated YAML that actionlint or GitHub reports later.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const WORKFLOW_SYNTAX_DOCS =
  "https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The model's own files: a definition's source is the first caller outside them. */
const MODEL_FILES = ["steps.ts", "validate.ts", "workflow.ts", "expr.ts"].map(
  (file) => path.join(REPO_ROOT, "workflows-src", "builders", file),
);

/** `workflows-src/builders/deploy.ts:120`: where the job being checked was defined. */
export function definitionSite(stack = new Error().stack ?? ""): string {
  for (const line of stack.split("\n").slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^()]+?):(\d+):\d+\)?$/.exec(line);
    if (!match?.[1]) continue;
    const file = match[1].startsWith("file://")
      ? fileURLToPath(match[1])
      : match[1];
    if (MODEL_FILES.includes(file) || !file.startsWith(REPO_ROOT)) continue;
    if (file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return `${path.relative(REPO_ROOT, file).split(path.sep).join("/")}:${match[2]}`;
  }
  return "workflows-src";
}

/** Job, step and output ids: what GitHub accepts (actionlint checks the same pattern). */
const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function checkId(
  site: string,
  field: string,
  id: string,
  docsAnchor: string,
): void {
  if (!ID.test(id))
    throw new Error(
      `${site}: ${field}: "${id}" is not a valid id — start with a letter or _, then only letters, digits, - and _ (${WORKFLOW_SYNTAX_DOCS}#${docsAnchor})`,
    );
}

/** Step ids are how outputs are addressed (`steps.<id>.outputs`): two alike would shadow one. */
export function checkUniqueStepIds(
  site: string,
  jobId: string,
  stepIds: readonly (string | undefined)[],
): void {
  const seen = new Set<string>();
  stepIds.forEach((id, index) => {
    if (id === undefined) return;
    checkId(site, `jobs.${jobId}.steps[${index}].id`, id, "jobsjob_idstepsid");
    if (seen.has(id))
      throw new Error(
        `${site}: jobs.${jobId}.steps[${index}].id: "${id}" is used by an earlier step — step ids must be unique within a job (${WORKFLOW_SYNTAX_DOCS}#jobsjob_idstepsid)`,
      );
    seen.add(id);
  });
}

/** Workflow files live directly in .github/workflows/ and end in .yml or .yaml. */
export function checkWorkflowFile(site: string, file: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/.test(file))
    throw new Error(
      `${site}: file: "${file}" is not a workflow file name — a plain name ending in .yml, e.g. "deploy.yml" (${WORKFLOW_SYNTAX_DOCS}#about-yaml-syntax-for-workflows)`,
    );
}
