/**
 * A generated YAML file under .github/ that is not a workflow (dependabot.yml). It gets the same
 * header, checksum, drift and orphan rules as the workflows, but not actionlint or the workflow
 * policy audit: it is not a workflow, and both would misjudge it.
 */
import { sourcePath, type WorkflowDefinition } from "./workflow";

/** The only places a config file may be written: GitHub reads them from fixed paths. */
export const CONFIG_FILES = [".github/dependabot.yml"] as const;
export type ConfigFile = (typeof CONFIG_FILES)[number];

export interface ConfigFileDefinition<TDocument extends object = object> {
  readonly kind: "config";
  /** Repository-relative path. */
  readonly file: ConfigFile;
  /** Repository-relative path of the TypeScript that defines it. */
  readonly source: string;
  /** Emitted in its own key order (no workflow key ordering applies). */
  readonly document: TDocument;
}

export function defineConfigFile<TDocument extends object>(options: {
  /** Pass `import.meta.url`: the header then names the source without a retyped path. */
  sourceUrl: string;
  file: ConfigFile;
  document: TDocument;
}): ConfigFileDefinition<TDocument> {
  return {
    kind: "config",
    file: options.file,
    source: sourcePath(options.sourceUrl),
    document: options.document,
  };
}

/** What gen:workflows emits: workflows (YAML + diagram) and config files (YAML only). */
export type GeneratedDefinition = WorkflowDefinition | ConfigFileDefinition;

export function isConfigFile(
  definition: GeneratedDefinition,
): definition is ConfigFileDefinition {
  return "kind" in definition && definition.kind === "config";
}
