/**
 * The exact code a job bound to an environment runs through `npm run`: the body of every
 * package.json script its steps reach and every repository file those scripts execute (tsx FILE,
 * node FILE, bash FILE, and the modules they import by relative path or through a tsconfig.json
 * alias — then tsconfig.json too, which decides where the alias leads), each pinned by SHA-256 in .github/workflow-pins.json. gen:workflows
 * records the pins; the audit refuses any reached script or file whose hash differs, so a change to
 * what a deploy job runs shows up as a diff of a file under .github/ (CODEOWNERS) and fails
 * check:workflows until it is regenerated.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { RunVerdict } from "./npm-scripts";
import { TSCONFIG_FILE, tsconfigAliases } from "../../cli/tsconfig-aliases";
import { STATIC_ONLY } from "./pipeline-sources";
import { repoModuleCandidates } from "./repo-module";

export const PINS_FILE = ".github/workflow-pins.json";

export interface Pins {
  /** npm script name → sha256 of its body. */
  readonly scripts: Readonly<Record<string, string>>;
  /** repository file → sha256 of its content. */
  readonly files: Readonly<Record<string, string>>;
}

export const sha256 = (text: string): string =>
  createHash("sha256").update(text).digest("hex");

export function readPins(readFile: (file: string) => string | undefined): Pins {
  const raw = readFile(PINS_FILE);
  try {
    const parsed = JSON.parse(raw ?? "{}") as Partial<Pins>;
    return { scripts: parsed.scripts ?? {}, files: parsed.files ?? {} };
  } catch {
    return { scripts: {}, files: {} };
  }
}

const RELATIVE_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;
/** RELATIVE_IMPORT without import() and require(): for the files of STATIC_ONLY. */
const STATIC_RELATIVE_IMPORT =
  /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g;
/** `import type …` / `export type …` statements: erased before the file runs, so not followed. */
const TYPE_ONLY = /\b(?:import|export)\s+type\s[^;]*?\bfrom\s*["'][^"']+["']/g;
const BARE_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^."'][^"']*)["']/g;

/**
 * The files and every repository module they import through relative paths (TypeScript and
 * JavaScript), so a change deep in what release-cli.ts imports is a change of what the deploy runs.
 * Packages (node_modules) are pinned by the lockfile's integrity instead. A file of STATIC_ONLY is
 * followed through its static imports only (the bin's map of CLI modules: the caller adds the one
 * module the command runs).
 */
export function importClosure(
  entries: readonly string[],
  readFile: (file: string) => string | undefined,
): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  const aliases = tsconfigAliases(readFile(TSCONFIG_FILE));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    const content = readFile(file);
    if (content === undefined) continue;
    seen.add(file);
    if (!/\.(?:[cm]?[jt]sx?)$/.test(file)) continue;
    const code = content.replace(TYPE_ONLY, "");
    const imports = STATIC_ONLY.has(file)
      ? STATIC_RELATIVE_IMPORT
      : RELATIVE_IMPORT;
    for (const match of code.matchAll(imports))
      queue.push(...repoModuleCandidates(file, match[1] ?? "", readFile));
    for (const match of code.matchAll(BARE_IMPORT)) {
      const spec = match[1] ?? "";
      const aliased = aliases[spec];
      if (aliased !== undefined) queue.push(aliased, TSCONFIG_FILE);
      else if (!spec.startsWith("node:"))
        queue.push(...nestedPackages(file, spec, readFile));
    }
    queue.push(...packageScope(file, readFile));
  }
  return [...seen].sort();
}

/** The folders above a repository file, nearest first, without the root. */
function parentDirs(file: string): string[] {
  const dirs: string[] = [];
  for (
    let dir = path.posix.dirname(file);
    dir !== ".";
    dir = path.posix.dirname(dir)
  )
    dirs.push(dir);
  return dirs;
}

/**
 * The package.json whose scope holds `file` (the nearest one up to the root's): its `type` decides
 * how the file is read, its `imports` what `#x` loads, and its `name` + `exports` what a bare
 * import of that name loads (Node's self-reference) — so a package.json added under scripts/deploy/
 * named `zod` is a change of what runs.
 */
function packageScope(
  file: string,
  readFile: (file: string) => string | undefined,
): string[] {
  for (const dir of parentDirs(file)) {
    const manifest = `${dir}/package.json`;
    if (manifest !== file && readFile(manifest) !== undefined)
      return [manifest];
  }
  return file === "package.json" ? [] : ["package.json"];
}

/**
 * A package a bare import finds in a node_modules folder inside the repository below the root's
 * (Node looks there first): committed code, not the lockfile's, so it is pinned like any file —
 * its package.json, or without one the files Node loads anyway (`index.js`, the subpath's file).
 */
function nestedPackages(
  file: string,
  spec: string,
  readFile: (file: string) => string | undefined,
): string[] {
  const parts = spec.split("/");
  const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return parentDirs(file).flatMap((dir) => {
    const from = `${dir}/importer`;
    return [
      ...repoModuleCandidates(from, `./node_modules/${spec}`, readFile),
      ...repoModuleCandidates(from, `./node_modules/${name ?? spec}`, readFile),
    ];
  });
}

/** What of a package.json decides which code runs: pinned instead of its whole text. */
const RESOLUTION_FIELDS = ["name", "type", "main", "exports", "imports"];

/** The text a pin hashes: a package.json's resolution fields, any other file whole. */
export function pinnedText(file: string, content: string): string {
  if (path.posix.basename(file) !== "package.json") return content;
  try {
    const manifest = JSON.parse(content) as Record<string, unknown>;
    return JSON.stringify(
      RESOLUTION_FIELDS.map((field) => [field, manifest[field] ?? null]),
    );
  } catch {
    return content;
  }
}

/** What one environment job's run step reaches, as pins (merged over every such step). */
export function pinsOf(
  reached: Pick<RunVerdict, "reached" | "files">,
  readFile: (file: string) => string | undefined,
): Pins {
  const scripts: Record<string, string> = {};
  const files: Record<string, string> = {};
  for (const { name, body } of reached.reached) scripts[name] = sha256(body);
  for (const file of importClosure(reached.files, readFile)) {
    const content = readFile(file);
    if (content !== undefined) files[file] = sha256(pinnedText(file, content));
  }
  return { scripts, files };
}

export function mergePins(all: readonly Pins[]): Pins {
  const sort = (record: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(record).sort(([a], [b]) => a.localeCompare(b)),
    );
  return {
    scripts: sort(Object.assign({}, ...all.map((p) => p.scripts))),
    files: sort(Object.assign({}, ...all.map((p) => p.files))),
  };
}

export function formatPins(pins: Pins): string {
  return `${JSON.stringify(
    {
      $comment:
        "Written by the gen:workflows script — DO NOT EDIT. SHA-256 of every package.json script and repository file a job bound to an environment runs; check:workflows refuses a change until it is regenerated and reviewed.",
      ...pins,
    },
    null,
    2,
  )}\n`;
}

/** Each reached script or file whose hash is not the recorded one: a message per mismatch. */
export function pinMismatches(
  verdict: Pick<RunVerdict, "reached" | "files">,
  ctx: {
    readonly readFile: (file: string) => string | undefined;
    readonly pins?: Pins;
  },
): string[] {
  const pins = ctx.pins;
  if (!pins) return [];
  const now = pinsOf(verdict, ctx.readFile);
  const problems: string[] = [];
  for (const [name, hash] of Object.entries(now.scripts)) {
    if (pins.scripts[name] !== hash) {
      problems.push(
        `script ${name} (${pins.scripts[name] ? "changed" : "not pinned"})`,
      );
    }
  }
  for (const [file, hash] of Object.entries(now.files)) {
    if (pins.files[file] !== hash) {
      problems.push(
        `file ${file} (${pins.files[file] ? "changed" : "not pinned"})`,
      );
    }
  }
  for (const file of verdict.files) {
    if (now.files[file] === undefined) problems.push(`file ${file} (missing)`);
  }
  return problems;
}
