/**
 * Everything the generator would write, computed in memory first: the generator writes it, the check
 * compares against it. Pure: definitions in, files out.
 */
import type { WorkflowDefinition } from "../../workflows-src/builders/workflow";
import { findPin } from "../../workflows-src/actions";
import { emitYaml, type YamlValue } from "./emit-yaml";
import { withHeader } from "./header";
import { orderWorkflow } from "./key-order";
import { diagramMarkdown } from "./mermaid";

export const WORKFLOWS_DIR = ".github/workflows";
export const DIAGRAMS_DIR = "docs/deployment/diagrams";

export interface PlannedFile {
  /** Repository-relative, forward slashes. */
  readonly path: string;
  readonly content: string;
  readonly source: string;
}

/** The release tag after each pinned SHA: `uses: owner/repo@<sha> # v1.2.3`. */
function versionComment(key: string, value: string): string | undefined {
  return key === "uses" ? findPin(value)?.version : undefined;
}

/** The YAML body the generator writes for workflow data (no header). */
export function renderWorkflowBody(workflow: {
  readonly [key: string]: YamlValue | undefined;
}): string {
  return emitYaml(orderWorkflow(workflow), { comment: versionComment });
}

export function renderWorkflow(definition: WorkflowDefinition): string {
  const body = renderWorkflowBody(
    definition.workflow as unknown as { [key: string]: YamlValue },
  );
  return withHeader("yaml", definition.source, body);
}

export function renderDiagram(definition: WorkflowDefinition): string {
  return withHeader("markdown", definition.source, diagramMarkdown(definition));
}

export function diagramPath(file: string): string {
  return `${DIAGRAMS_DIR}/${file.replace(/\.ya?ml$/, "")}.md`;
}

export function planFiles(
  definitions: readonly WorkflowDefinition[],
): PlannedFile[] {
  const seen = new Set<string>();
  const files: PlannedFile[] = [];
  for (const definition of definitions) {
    if (!/^[a-z0-9][a-z0-9-]*\.yml$/.test(definition.file)) {
      throw new Error(
        `${definition.source}: file: "${definition.file}" is not a workflow file name — use lower-case-with-dashes.yml`,
      );
    }
    if (seen.has(definition.file)) {
      throw new Error(
        `${definition.source}: file: ${definition.file} is emitted twice — give each workflow its own file in workflows-src/index.ts`,
      );
    }
    seen.add(definition.file);
    files.push({
      path: `${WORKFLOWS_DIR}/${definition.file}`,
      content: renderWorkflow(definition),
      source: definition.source,
    });
    files.push({
      path: diagramPath(definition.file),
      content: renderDiagram(definition),
      source: definition.source,
    });
  }
  return files;
}
