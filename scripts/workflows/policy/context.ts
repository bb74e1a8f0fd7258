/**
 * What the policy judges a file against: the action catalog, the environments and their secrets,
 * the package.json scripts a `run:` may call, and the files of the checkout (local composite
 * actions). Built from the real sources by default; tests pass their own.
 */
import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { actions, type ActionPin } from "../../../workflows-src/actions";
import { contracts } from "../../../workflows-src/contracts";
import type { EnvironmentsModule } from "../../init/load-environments";
import type { PackageManager } from "../../../workflows-src/builders/package-manager";
import { configuredManager } from "./package-manager";
import { readPins, type Pins } from "./pins";

export interface PolicyContext {
  readonly catalog: readonly ActionPin[];
  /** GitHub Environment name → the secret names environments.ts lists for it. */
  readonly environments: ReadonlyMap<string, readonly string[]>;
  /** The pull-request preview's GitHub Environment (environments.ts `preview`), when there is one. */
  readonly previewEnvironment?: string;
  /** npm script → the env names its CLI reads (workflows-src/contracts.ts). */
  readonly contracts: ReadonlyMap<string, readonly string[]>;
  /** package.json `scripts` of the checkout. */
  readonly scripts: Readonly<Record<string, string>>;
  /** Whose install and run forms `run:` may use (package-manager.ts); npm when absent. */
  readonly packageManager?: PackageManager;
  /**
   * Hashes of what environment jobs run (.github/workflow-pins.json, pins.ts). Undefined only in
   * tests that do not judge pins; policyContext always reads the file (missing: nothing pinned).
   */
  readonly pins?: Pins;
  /** Reads a repository-relative file; undefined when it does not exist. */
  readonly readFile: (file: string) => string | undefined;
}

/**
 * Reads a file of the checkout. A path through a symbolic link reads as the link (`symlink → x`),
 * not the file it leads to: Node resolves a linked module's imports from where the link leads, so
 * a pinned file replaced by a link to an identical copy elsewhere would otherwise pin the same text
 * while its imports load from the copy's folder. The one exception is a link to the same path in
 * another checkout (a test's scratch root linking this repository's folders).
 */
export function readFileIn(root: string): (file: string) => string | undefined {
  let realRoot: string | undefined;
  // One context judges one state of the checkout: the pins ask for the same candidate files once
  // per step of every environment job (thousands of reads), so each path is read once.
  const read = new Map<string, string | undefined>();
  return (file) => {
    if (read.has(file)) return read.get(file);
    const content = readThrough(file);
    read.set(file, content);
    return content;
  };
  function readThrough(file: string): string | undefined {
    const full = path.join(root, file);
    try {
      const content = readFileSync(full, "utf8");
      realRoot ??= realpathSync(root);
      const real = realpathSync(full);
      // A scratch checkout that links another checkout's folders (tests) leads to the same file
      // of that checkout: outside this one, at the same path. Anything else reads as the link.
      const sameFileElsewhere =
        !real.startsWith(realRoot + path.sep) &&
        real.endsWith(path.sep + path.normalize(file));
      return real === path.join(realRoot, file) || sameFileElsewhere
        ? content
        : `symlink → ${path.relative(realRoot, real)}`;
    } catch {
      return undefined;
    }
  }
}

/** package.json scripts; a missing or broken package.json means no script exists. */
export function readScripts(
  readFile: (file: string) => string | undefined,
): Record<string, string> {
  const raw = readFile("package.json");
  if (raw === undefined) return {};
  try {
    const scripts = (JSON.parse(raw) as { scripts?: unknown }).scripts;
    if (typeof scripts !== "object" || scripts === null) return {};
    return Object.fromEntries(
      Object.entries(scripts).filter(
        (e): e is [string, string] => typeof e[1] === "string",
      ),
    );
  } catch {
    return {};
  }
}

/**
 * Every GitHub Environment of the repository's environments.ts with its secrets, pull-request
 * previews included — the repository's own (an adopter's), never the copy the package bundles.
 */
export function environmentSecrets(
  module: EnvironmentsModule,
): Map<string, readonly string[]> {
  return new Map([
    ...Object.values(module.environments).map(
      (env) => [env.name, env.secrets] as const,
    ),
    ...(module.preview
      ? [[module.preview.name, module.preview.secrets] as const]
      : []),
  ]);
}

export function contractEnv(): Map<string, readonly string[]> {
  return new Map(contracts.map((c) => [c.script, c.env]));
}

/**
 * The policy for the checkout at `root`: the pipeline's catalog and contracts, the environments
 * that checkout's environments.ts defines (loadEnvironmentsModule).
 */
export function policyContext(
  root: string,
  module: EnvironmentsModule,
): PolicyContext {
  const readFile = readFileIn(root);
  return {
    catalog: Object.values(actions),
    environments: environmentSecrets(module),
    ...(module.preview ? { previewEnvironment: module.preview.name } : {}),
    contracts: contractEnv(),
    scripts: readScripts(readFile),
    packageManager: configuredManager(readFile),
    pins: readPins(readFile),
    readFile,
  };
}
