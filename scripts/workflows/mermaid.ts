/**
 * A Mermaid flowchart of a workflow's jobs and their `needs`, drawn from the same definitions the
 * YAML comes from, so the picture in the docs cannot disagree with what runs.
 */
import type { WorkflowDefinition } from "../../workflows-src/builders/workflow";

const MERMAID_KEYWORDS = new Set([
  "end",
  "graph",
  "flowchart",
  "subgraph",
  "style",
  "class",
  "classDef",
  "click",
  "linkStyle",
  "direction",
]);

function nodeId(jobId: string): string {
  const safe = jobId.replace(/[^A-Za-z0-9_]/g, "_");
  return MERMAID_KEYWORDS.has(safe) ? `${safe}_` : safe;
}

function label(text: string): string {
  return text.replace(/"/g, "#quot;");
}

function needsOf(job: { needs?: string | readonly string[] }): string[] {
  const needs = job.needs;
  return typeof needs === "string" ? [needs] : [...(needs ?? [])];
}

export function triggersOf(definition: WorkflowDefinition): string[] {
  const on = definition.workflow.on;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return [...on];
  return Object.keys(on);
}

/** Reusable-workflow calls are drawn as subroutines; jobs bound to an environment say which. */
export function mermaidFlowchart(definition: WorkflowDefinition): string {
  const lines = ["flowchart LR"];
  for (const [id, job] of Object.entries(definition.workflow.jobs)) {
    const name = job.name ?? id;
    if ("uses" in job) {
      const called = job.uses.replace(/^\.\/\.github\/workflows\//, "");
      lines.push(`  ${nodeId(id)}[["${label(`${name} (calls ${called})`)}"]]`);
    } else {
      const env = job.environment;
      const envName = typeof env === "string" ? env : env?.name;
      const text = envName ? `${name} (environment: ${envName})` : name;
      lines.push(`  ${nodeId(id)}["${label(text)}"]`);
    }
  }
  for (const [id, job] of Object.entries(definition.workflow.jobs)) {
    for (const need of needsOf(job)) {
      lines.push(`  ${nodeId(need)} --> ${nodeId(id)}`);
    }
  }
  return lines.join("\n");
}

export function diagramMarkdown(definition: WorkflowDefinition): string {
  const triggers = triggersOf(definition)
    .map((t) => `\`${t}\``)
    .join(", ");
  return [
    `# \`${definition.file}\` — ${definition.workflow.name ?? definition.file}`,
    "",
    `Jobs and their \`needs\`, generated from [\`${definition.source}\`](../../../${definition.source}). Triggers: ${triggers}.`,
    "",
    "```mermaid",
    mermaidFlowchart(definition),
    "```",
    "",
  ].join("\n");
}
