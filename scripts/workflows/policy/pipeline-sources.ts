/**
 * What `typed-cicd <command>` runs in a repository that holds the pipeline's own sources (this
 * one, and the checkouts and sandboxes made of it): the checkout's launcher runs them through tsx
 * (packages/pipeline/bin/typed-cicd.js says when). Those are repository files, so a job bound to
 * an environment pins them like any `tsx FILE`: the launcher, the preload it imports, bin.ts with
 * what it imports, and the one CLI module the command selects in cli-modules.ts — not the other
 * commands' CLIs, which that job never runs. Elsewhere the bin is an installed package, pinned by
 * the lockfile's integrity.
 */
import { repoModuleCandidates } from "./repo-module";

export const PIPELINE_SOURCES = {
  launcher: "packages/pipeline/bin/typed-cicd.js",
  preload: "scripts/workflows/preload.mjs",
  bin: "packages/pipeline/bin.ts",
  /** Pinned whole; of its dynamic imports only the command's is followed. */
  cliModules: "packages/pipeline/cli-modules.ts",
} as const;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every relative path written in cli-modules.ts, however it is imported. */
const RELATIVE_LITERAL = /["'](\.{1,2}\/[^"']+)["']/g;

/**
 * The module cli-modules.ts imports for `command` (every file that import may load), if it has an
 * entry of the documented shape.
 */
export function cliModuleOf(
  command: string,
  readFile: (file: string) => string | undefined,
): string[] | undefined {
  const text = readFile(PIPELINE_SOURCES.cliModules) ?? "";
  const key = `(?:"${escape(command)}"|'${escape(command)}'|${escape(command)})`;
  const spec = new RegExp(
    `^\\s*${key}\\s*:\\s*\\(\\s*\\)\\s*=>\\s*import\\(\\s*["']([^"']+)["']\\s*\\)\\s*,?\\s*$`,
    "m",
  ).exec(text)?.[1];
  return spec === undefined
    ? undefined
    : repoModuleCandidates(PIPELINE_SOURCES.cliModules, spec, readFile);
}

/**
 * The repository files `typed-cicd <command>` runs here, or undefined when the repository holds
 * neither the pipeline's launcher nor its sources. An entry that cannot be read back (an unknown command, a reshaped
 * cli-modules.ts) pins every module cli-modules.ts names instead: more than runs, never less.
 */
export function pipelineSourceFiles(
  command: string | undefined,
  readFile: (file: string) => string | undefined,
): string[] | undefined {
  if (
    readFile(PIPELINE_SOURCES.bin) === undefined &&
    readFile(PIPELINE_SOURCES.launcher) === undefined
  )
    return undefined;
  const chosen =
    command === undefined ? undefined : cliModuleOf(command, readFile);
  const modules =
    chosen !== undefined && chosen.length > 0
      ? chosen
      : [
          ...(readFile(PIPELINE_SOURCES.cliModules) ?? "").matchAll(
            RELATIVE_LITERAL,
          ),
        ].flatMap((m) =>
          repoModuleCandidates(
            PIPELINE_SOURCES.cliModules,
            m[1] ?? "",
            readFile,
          ),
        );
  // Not filtered: where the launcher is a repository file, a missing bin.ts or preload is a change
  // of what runs (the launcher would load dist/bin.js instead), reported as missing.
  return [
    PIPELINE_SOURCES.launcher,
    PIPELINE_SOURCES.preload,
    PIPELINE_SOURCES.bin,
    PIPELINE_SOURCES.cliModules,
    ...modules,
  ];
}

/** Static imports only: what cli-modules.ts runs on load, whichever command is chosen. */
export const STATIC_ONLY: ReadonlySet<string> = new Set([
  PIPELINE_SOURCES.cliModules,
]);
