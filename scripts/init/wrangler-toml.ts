/**
 * init's path for a repository whose Worker is configured in wrangler.toml: the pipeline edits
 * wrangler's config as JSONC (per-environment blocks, database and namespace ids), so init converts
 * the file once, with the app's own wrangler reading the TOML — the same parser and keys wrangler
 * deploys with, and no TOML parser of ours to disagree with it. wrangler.jsonc replaces the TOML
 * (wrangler reads either; two would leave one silently ignored). TOML comments are not carried.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { WranglerConfig } from "./read-repository";

export const TOML_FILE = "wrangler.toml";
export const CONVERTED_FILE = "wrangler.jsonc";

interface WranglerModule {
  readonly experimental_readRawConfig: (args: { config: string }) => {
    readonly rawConfig: unknown;
  };
}

function appWrangler(root: string): WranglerModule {
  const require = createRequire(path.join(root, "package.json"));
  try {
    return require("wrangler") as WranglerModule;
  } catch (error) {
    throw new Error(
      `${TOML_FILE}: init reads TOML with the app's own wrangler, which is not installed here — install the app's dependencies, then run init again`,
      { cause: error },
    );
  }
}

/** The TOML's keys as wrangler reads them, as the JSONC text that replaces it. */
export function convertWranglerToml(root: string): {
  readonly text: string;
  readonly config: WranglerConfig;
} {
  const wrangler = appWrangler(root);
  let raw: unknown;
  try {
    raw = wrangler.experimental_readRawConfig({
      config: path.join(root, TOML_FILE),
    }).rawConfig;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error))
      .split("\n")
      .filter((line) => line.trim() !== "")
      .join(" ");
    throw new Error(
      `${TOML_FILE}: wrangler cannot read it (${message}) — fix it, then run init again`,
      { cause: error },
    );
  }
  const header = `// Converted from ${TOML_FILE} by init: the pipeline edits wrangler's config as JSONC, and wrangler\n// reads either. The TOML's comments were not carried over.\n`;
  return {
    text: `${header}${JSON.stringify(raw, null, 2)}\n`,
    config: raw as WranglerConfig,
  };
}
