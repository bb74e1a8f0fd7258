/**
 * The staging and production blocks of a wrangler config (jsonc/json). Bindings and vars are not
 * inherited by wrangler environments, so each block repeats every one with per-environment names:
 * its own Worker, D1 database, R2 bucket; the same Durable Object classes; a service binding to the
 * Worker itself pointing at that environment's Worker. Only missing keys are added (comments and
 * layout kept, through jsonc-parser's edits), so a second run changes nothing. Pure.
 */
import { applyEdits, modify, type FormattingOptions } from "jsonc-parser";
import type { WranglerConfig } from "./read-repository";

export const ENVIRONMENT_NAMES = ["staging", "production"] as const;

/** Placeholders `setup` replaces by name (D1 database_id; KV namespace id). */
export const D1_ID_PLACEHOLDER = "00000000-0000-0000-0000-000000000000";
export const KV_ID_PLACEHOLDER = "00000000000000000000000000000000";

/** The Worker each environment deploys: wrangler's own default for `--env <name>`. */
export function workerName(base: string, env: string): string {
  return `${base}-${env}`;
}

const FORMAT: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: "\n" };

type Block = Record<string, unknown>;

/** What one environment's block holds, derived from the top level. */
export function environmentBlock(config: WranglerConfig, env: string): Block {
  const base = config.name ?? "app";
  const block: Block = { name: workerName(base, env) };
  if (config.d1_databases?.length)
    block["d1_databases"] = config.d1_databases.map((db) => ({
      ...db,
      database_name: `${String(db["database_name"] ?? base)}-${env}`,
      database_id: D1_ID_PLACEHOLDER,
    }));
  if (config.r2_buckets?.length)
    block["r2_buckets"] = config.r2_buckets.map((bucket) => ({
      ...bucket,
      bucket_name: `${String(bucket["bucket_name"] ?? base)}-${env}`,
      ...(bucket["preview_bucket_name"] === undefined
        ? {}
        : { preview_bucket_name: undefined }),
    }));
  if (config.kv_namespaces?.length)
    block["kv_namespaces"] = config.kv_namespaces.map((kv) => ({
      binding: kv["binding"],
      id: KV_ID_PLACEHOLDER,
    }));
  if (config.durable_objects?.bindings?.length)
    block["durable_objects"] = {
      bindings: config.durable_objects.bindings.map((bound) =>
        bound["script_name"] === base
          ? { ...bound, script_name: workerName(base, env) }
          : bound,
      ),
    };
  if (config.services?.length)
    block["services"] = config.services.map((service) =>
      service["service"] === base
        ? { ...service, service: workerName(base, env) }
        : service,
    );
  if (config.vars && Object.keys(config.vars).length > 0)
    block["vars"] = { ...config.vars };
  return JSON.parse(JSON.stringify(block)) as Block;
}

/** The block as init leaves it: the existing keys kept, the missing ones added. */
export function effectiveBlock(config: WranglerConfig, env: string): Block {
  return { ...environmentBlock(config, env), ...config.env?.[env] };
}

/** The config text with every missing env block or key added; unchanged when nothing is missing. */
export function withEnvironments(text: string, config: WranglerConfig): string {
  let out = text;
  for (const env of ENVIRONMENT_NAMES) {
    const existing = config.env?.[env];
    const wanted = environmentBlock(config, env);
    if (!existing) {
      out = applyEdits(
        out,
        modify(out, ["env", env], wanted, { formattingOptions: FORMAT }),
      );
      continue;
    }
    for (const [key, value] of Object.entries(wanted)) {
      if (key in existing) continue;
      out = applyEdits(
        out,
        modify(out, ["env", env, key], value, { formattingOptions: FORMAT }),
      );
    }
  }
  return out;
}

/** Lines for the report: what the blocks hold that setup or a person still fills in. */
export function environmentNotes(
  config: WranglerConfig,
  file: string,
): string[] {
  const notes: string[] = [];
  // After setup wrote the real ids, a second init has nothing to say about them (walk 4).
  const stillPlaceholder = (
    key: string,
    idKey: string,
    placeholder: string,
  ) => {
    const blocks = Object.values(config.env ?? {});
    return (
      blocks.length === 0 ||
      blocks.some((block) => {
        const entries = block[key];
        return (
          !Array.isArray(entries) ||
          entries.some(
            (entry: unknown) =>
              typeof entry !== "object" ||
              entry === null ||
              (entry as Record<string, unknown>)[idKey] === placeholder,
          )
        );
      })
    );
  };
  if (
    config.d1_databases?.length &&
    stillPlaceholder("d1_databases", "database_id", D1_ID_PLACEHOLDER)
  )
    notes.push(
      `${file}: env.*.d1_databases database_id is a placeholder — the setup script creates each database by name and writes its id`,
    );
  if (
    config.kv_namespaces?.length &&
    stillPlaceholder("kv_namespaces", "id", KV_ID_PLACEHOLDER)
  )
    notes.push(
      `${file}: env.*.kv_namespaces id is a placeholder — the setup script creates each namespace (environments.ts bindings.kv title) and writes its id`,
    );
  if (config.r2_buckets?.length)
    notes.push(
      `${file}: env.*.r2_buckets are named <bucket>-staging/-production — the setup script creates them; rename them (here and in environments.ts) to use existing ones`,
    );
  if (config.vars && Object.keys(config.vars).length > 0)
    notes.push(
      `${file}: env.*.vars copy the top level's vars — set each environment's values`,
    );
  if (config.migrations?.length)
    notes.push(
      `${file}: Durable Object migrations (${config.migrations.length} tags) stay at the top level — wrangler applies them per environment on its first deploy`,
    );
  if ((config.d1_databases?.length ?? 0) > 1)
    notes.push(
      `${file}: ${config.d1_databases?.length} D1 databases — the pipeline migrates the first one (binding DB) only`,
    );
  const d1 = config.d1_databases?.[0];
  if (d1 && d1["binding"] !== "DB")
    notes.push(
      `${file}: the D1 binding is "${String(d1["binding"])}" — environments.ts accepts "DB" only today: rename the binding in the app and the config`,
    );
  return notes;
}
