/**
 * Imports the definitions of the repository: its workflows-src/index.ts, or an adopter's
 * pipeline.config.ts and environments.ts. A definition that fails validation (zod in environments.ts, or a
 * builder's own checks) throws while being imported; that becomes one line per problem and no file
 * is touched, because nothing is written before everything has been computed.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type {
  ConfigFileDefinition,
  GeneratedDefinition,
} from "../../workflows-src/builders/config-file";
import type { WorkflowDefinition } from "../../workflows-src/builders/workflow";
import { repoRoot } from "../cli/repo-root";

export class DefinitionError extends Error {}

/** The innermost workflows-src frame of a stack ("workflows-src/builders/deploy.ts:12:9"). */
export function sourceLocation(stack: string | undefined): string | undefined {
  return /(workflows-src\/[^\s():]+\.ts:\d+:\d+)/.exec(stack ?? "")?.[1];
}

/**
 * One line per problem: the error's own message lines, without stack traces. A message that does
 * not start with the file it is about (a plain `throw` in a builder) gets the innermost
 * workflows-src location of its stack in front, so the line names the TS source to open.
 */
export function describeLoadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) {
    return "workflows-src/index.ts: failed to load — run `node --import tsx workflows-src/index.ts` to see why";
  }
  const namesFile = lines.some((line) => /[\w-]+\.ts\b/.test(line));
  const where =
    error instanceof Error && !namesFile
      ? sourceLocation(error.stack)
      : undefined;
  if (where !== undefined) lines[0] = `${where}: ${lines[0]}`;
  return lines.join("\n");
}

export interface DefinitionsModule {
  readonly workflows: readonly WorkflowDefinition[];
  readonly configs?: readonly ConfigFileDefinition[];
}

/**
 * The definitions of the repository at `root`, imported by path (never bundled: the package's own
 * copy of the builders has no workflows-src/index.ts). A repository that composes its workflows
 * (this one) has workflows-src/index.ts; an adopter has the pipeline.config.ts and environments.ts
 * init wrote, turned into the generated set here.
 */
export async function definitionsIn(root: string): Promise<DefinitionsModule> {
  const index = path.join(root, "workflows-src", "index.ts");
  if (existsSync(index))
    return (await import(pathToFileURL(index).href)) as DefinitionsModule;
  const { loadAdopter } = await import("../init/adopter-definitions");
  return { workflows: (await loadAdopter(root)).workflows };
}

/** Workflows first, then config files, in the order workflows-src/index.ts lists them. */
export async function loadDefinitions(
  load: () => Promise<DefinitionsModule> = () => definitionsIn(repoRoot()),
): Promise<readonly GeneratedDefinition[]> {
  try {
    const { workflows, configs = [] } = await load();
    return [...workflows, ...configs];
  } catch (error) {
    throw new DefinitionError(describeLoadError(error));
  }
}
