/**
 * The npm packages a TypeScript entry point reaches at run time: follows relative imports (static,
 * `export … from` and `import()`), skips `import type` (erased before it runs) and node: builtins.
 * What the deploy toolset must hold for the scripts the environment jobs call. A bare specifier that
 * tsconfig.json's `paths` maps to a file here (`@typed-cicd/pipeline`: tsx resolves it so) is
 * followed as this repository's source, not counted as a package.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { TSCONFIG_FILE, tsconfigAliases } from "../cli/tsconfig-aliases";

const IMPORT =
  /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolveRelative(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    base.replace(/\.js$/, ".ts"),
    path.join(base, "index.ts"),
  ];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (found === undefined)
    throw new Error(`${from}: cannot resolve import "${spec}"`);
  return found;
}

/** A bare specifier's package name: "zod", "@scope/pkg" (subpaths dropped). */
export function packageName(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@")
    ? parts.slice(0, 2).join("/")
    : (parts[0] ?? spec);
}

/** `npmRunner("lint:migrations", …)`: a script the code runs as a child `npm run`. */
const NPM_RUNNER = /npmRunner\(\s*["']([^"']+)["']/g;

export interface Reach {
  /** Package name → the first file that imports it. */
  readonly packages: Map<string, string>;
  /** npm scripts the reached code runs as child processes (their entry points need walking too). */
  readonly npmScripts: Set<string>;
}

/** tsconfig.json's aliases at `root`, each to its absolute file. */
export function aliasesAt(root: string): Readonly<Record<string, string>> {
  let text: string | undefined;
  try {
    text = readFileSync(path.join(root, TSCONFIG_FILE), "utf8");
  } catch {
    text = undefined;
  }
  return Object.fromEntries(
    Object.entries(tsconfigAliases(text)).map(([spec, file]) => [
      spec,
      path.resolve(root, file),
    ]),
  );
}

export function reachablePackages(
  entries: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
  /** Absolute paths whose import() calls are not followed (the bin's map of CLI modules). */
  staticOnly: ReadonlySet<string> = new Set(),
): Reach {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const npmScripts = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(NPM_RUNNER))
      if (match[1] !== undefined) npmScripts.add(match[1]);
    for (const match of source.matchAll(IMPORT)) {
      if (match[2] !== undefined) continue;
      if (match[4] !== undefined && staticOnly.has(file)) continue;
      const spec = match[3] ?? match[4];
      if (spec === undefined || spec.startsWith("node:")) continue;
      const aliased = aliases[spec];
      if (aliased !== undefined) visit(aliased);
      else if (spec.startsWith(".")) visit(resolveRelative(file, spec));
      else if (!packages.has(packageName(spec)))
        packages.set(packageName(spec), file);
    }
  };
  for (const entry of entries) visit(path.resolve(entry));
  return { packages, npmScripts };
}
