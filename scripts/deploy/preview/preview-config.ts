/**
 * The wrangler config a pull request's preview runs with, written next to nothing else so every
 * wrangler command of the preview reads it (cwd = its directory): the app's top-level Worker
 * settings from wrangler.jsonc (main, compatibility, assets, observability), the preview Worker's
 * name, and ONE D1 binding — the pull request's own database, migrated from the pull request's
 * migrations directory. Nothing else is copied: a binding this file does not name does not exist
 * in the preview, so a preview cannot reach staging's or production's resources by inheriting them.
 */
import { isAbsolute, resolve } from "node:path";
import type { PreviewEnvironment } from "../../../workflows-src/builders/environment-model";

/** JSONC → JSON: comments and trailing commas out, strings untouched. */
export function readJsonc(text: string, source = "wrangler.jsonc"): unknown {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      const end = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i));
      const literal = end?.[0] ?? text.slice(i);
      out += literal;
      i += literal.length;
    } else if (text.startsWith("//", i)) {
      const nl = text.indexOf("\n", i);
      i = nl === -1 ? text.length : nl;
    } else if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? text.length : close + 2;
    } else {
      out += c;
      i += 1;
    }
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
  } catch (error) {
    throw new Error(
      `${source}: not valid JSONC (${(error as Error).message}) — fix the file`,
      { cause: error },
    );
  }
}

/** Top-level keys a preview takes from the app's config (paths made absolute). */
const COPIED = [
  "main",
  "compatibility_date",
  "compatibility_flags",
  "assets",
  "observability",
  "no_bundle",
  "rules",
  "find_additional_modules",
  "base_dir",
] as const;

/**
 * Bindings a preview cannot give each pull request yet. Refused rather than copied: copied, every
 * preview would read and write the same bucket, namespace or Durable Objects as the environment
 * the config came from (docs/deployment/decisions.md, "Pull-request previews").
 */
const SHARED_BINDINGS = [
  "r2_buckets",
  "kv_namespaces",
  "durable_objects",
  "services",
  "queues",
  "hyperdrive",
  "vectorize",
] as const;

export interface PreviewConfigInput {
  readonly preview: PreviewEnvironment;
  /** The parsed top level of the app's wrangler.jsonc. */
  readonly base: Readonly<Record<string, unknown>>;
  /** Directory the app's config paths are relative to (the repository root). */
  readonly root: string;
  readonly database: { readonly name: string; readonly id: string };
  /** The pull request's migrations (absolute). */
  readonly migrationsDir: string;
}

export function previewWranglerConfig(
  input: PreviewConfigInput,
): Record<string, unknown> {
  const { base, root, preview } = input;
  const shared = SHARED_BINDINGS.filter((key) => base[key] !== undefined);
  if (shared.length > 0)
    throw new Error(
      `wrangler.jsonc: ${shared.join(", ")} at the top level — a preview would share ${shared.length === 1 ? "it" : "them"} with every pull request; previews support D1 only (see docs/deployment/decisions.md, "Pull-request previews")`,
    );
  const abs = (p: unknown) =>
    typeof p === "string" && !isAbsolute(p) ? resolve(root, p) : p;
  const config: Record<string, unknown> = {};
  for (const key of COPIED)
    if (base[key] !== undefined) config[key] = base[key];
  config["main"] = abs(base["main"]);
  if (typeof base["base_dir"] === "string")
    config["base_dir"] = abs(base["base_dir"]);
  const assets = base["assets"];
  if (typeof assets === "object" && assets !== null)
    config["assets"] = {
      ...assets,
      directory: abs((assets as Record<string, unknown>)["directory"]),
    };
  return {
    name: preview.workerName,
    ...config,
    // Only the alias and version URLs serve a preview; the Worker's own URL serves nothing.
    workers_dev: false,
    preview_urls: true,
    d1_databases: [
      {
        binding: preview.d1Binding,
        database_name: input.database.name,
        database_id: input.database.id,
        migrations_dir: input.migrationsDir,
      },
    ],
    vars: { ...preview.vars },
  };
}
