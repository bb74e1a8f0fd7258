/**
 * Files init writes come out as the app's own formatter would leave them, so its format check and
 * lint-staged do not rewrite them after init: the app's own Prettier (ours when it has none
 * installed yet) with the configuration and ignore file its format script names, when the app uses
 * Prettier and does not ignore the file. Others are written as rendered.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { PrettierFiles } from "./prettier-files";
import type { PackageJson } from "./read-repository";
import type * as PrettierModule from "prettier";

type Prettier = typeof PrettierModule;

/**
 * The app's installed Prettier (its plugins and version decide the output), else the one this
 * code resolves: this checkout's for `npm run init`; none for the package's bin, which ships no
 * Prettier (packages/pipeline/build.ts) — the app that lists Prettier has it once installed.
 */
async function prettierOf(root: string): Promise<Prettier> {
  try {
    const entry = createRequire(path.join(root, "package.json")).resolve(
      "prettier",
    );
    // require's entry is CommonJS: its API comes back as the default export.
    const loaded = (await import(pathToFileURL(entry).href)) as Prettier & {
      readonly default?: Prettier;
    };
    return loaded.default ?? loaded;
  } catch {
    try {
      return await import("prettier");
    } catch {
      throw new Error(
        "package.json: prettier is a dependency but not installed — install the app's dependencies, then run init again (init formats what it writes as your format check will)",
      );
    }
  }
}

export async function formatLike(
  root: string,
  file: string,
  text: string,
  pkg: PackageJson,
  files: PrettierFiles,
): Promise<string> {
  const usesPrettier =
    pkg.devDependencies?.["prettier"] !== undefined ||
    pkg.dependencies?.["prettier"] !== undefined;
  if (!usesPrettier) return text;
  const prettier = await prettierOf(root);
  const filepath = path.join(root, file);
  const info = await prettier.getFileInfo(filepath, {
    ignorePath: path.join(root, files.ignorePath),
    // Built-in parsers only: a config found beside the file would load its plugins from here.
    resolveConfig: false,
  });
  if (info.ignored || !info.inferredParser) return text;
  const options =
    (await prettier.resolveConfig(filepath, {
      ...(files.config ? { config: path.join(root, files.config) } : {}),
    })) ?? {};
  // Prettier resolves a plugin named by a string from the process's directory, not the app's.
  const fromApp = createRequire(path.join(root, "package.json"));
  const plugins = options.plugins?.map((plugin) => {
    if (typeof plugin !== "string" || path.isAbsolute(plugin)) return plugin;
    try {
      return fromApp.resolve(plugin);
    } catch {
      throw new Error(
        `${files.config ?? "the Prettier config"}: plugin ${plugin} is not installed — install the app's dependencies, then run init again (init formats what it writes as your format check will)`,
      );
    }
  });
  return prettier.format(text, {
    ...options,
    ...(plugins ? { plugins } : {}),
    filepath,
  });
}
