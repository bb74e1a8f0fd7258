/**
 * Everything the generator would write, computed in memory first: the generator writes it, the check
 * compares against it. Pure: definitions in, files out.
 */
import {
  CONFIG_FILES,
  isConfigFile,
  type ConfigFileDefinition,
  type GeneratedDefinition,
} from "../../workflows-src/builders/config-file";
import type { WorkflowDefinition } from "../../workflows-src/builders/workflow";
import { emitYaml, type YamlValue } from "./emit-yaml";
import { withHeader } from "./header";
import { diagramPath, WORKFLOWS_DIR, type PlannedFile } from "./locations";
import { diagramMarkdown } from "./mermaid";
import { renderWorkflowBody } from "./render-body";

export {
  CONFIG_DIR,
  DIAGRAMS_DIR,
  diagramPath,
  WORKFLOWS_DIR,
  type PlannedFile,
} from "./locations";
export { renderWorkflowBody } from "./render-body";

export function renderWorkflow(definition: WorkflowDefinition): string {
  const body = renderWorkflowBody(
    definition.workflow as unknown as { [key: string]: YamlValue },
  );
  return withHeader("yaml", definition.source, body);
}

export function renderConfigFile(definition: ConfigFileDefinition): string {
  const body = emitYaml(
    definition.document as unknown as { [key: string]: YamlValue },
  );
  return withHeader("yaml", definition.source, body);
}

export function renderDiagram(definition: WorkflowDefinition): string {
  return withHeader("markdown", definition.source, diagramMarkdown(definition));
}

export function planFiles(
  definitions: readonly GeneratedDefinition[],
): PlannedFile[] {
  const seen = new Set<string>();
  const files: PlannedFile[] = [];
  for (const definition of definitions) {
    if (isConfigFile(definition)) {
      if (!(CONFIG_FILES as readonly string[]).includes(definition.file)) {
        throw new Error(
          `${definition.source}: file: "${definition.file}" is not a config file GitHub reads — use one of ${CONFIG_FILES.join(", ")}`,
        );
      }
      if (seen.has(definition.file)) {
        throw new Error(
          `${definition.source}: file: ${definition.file} is emitted twice — list it once in workflows-src/index.ts configs`,
        );
      }
      seen.add(definition.file);
      files.push({
        path: definition.file,
        content: renderConfigFile(definition),
        source: definition.source,
      });
      continue;
    }
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
