/**
 * actions/cache (and its restore/save halves): a local store keyed the same way. Restore takes the
 * exact key, else the newest entry whose key starts with the first matching restore-key prefix;
 * `cache-hit` is "true" only for the exact key. Save runs after the last step, only when the job
 * succeeded and the key was not an exact hit — and never replaces an existing key (GitHub's caches
 * are immutable). Entries are versioned by their paths, as GitHub's are.
 * Contract: https://github.com/actions/cache#inputs and #outputs
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import {
  allowInputs,
  copyTree,
  pathLines,
  refuseGlobs,
  resolvePath,
  ShimError,
  sizeOf,
  type JobDirs,
  type Shim,
  type ShimContext,
} from "./shim";
import { unseedable } from "./seedable";

interface Manifest {
  readonly key: string;
  readonly paths: readonly string[];
  readonly created: number;
}

const sha = (text: string): string =>
  createHash("sha256").update(text).digest("hex").slice(0, 24);

function versionDir(store: string, paths: readonly string[]): string {
  return path.join(store, sha(paths.join("\n")));
}

function entries(
  store: string,
  paths: readonly string[],
): { dir: string; manifest: Manifest }[] {
  const root = versionDir(store, paths);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => !name.startsWith("."))
    .map((name) => {
      const dir = path.join(root, name);
      return {
        dir,
        manifest: JSON.parse(
          readFileSync(path.join(dir, "manifest.json"), "utf8"),
        ) as Manifest,
      };
    });
}

export function validateKey(key: string): void {
  if (key.trim() === "")
    throw new ShimError("actions/cache: key: empty — give a key");
  if (key.length > 512)
    throw new ShimError(
      `actions/cache: key "${key.slice(0, 40)}…": longer than 512 characters`,
    );
  if (key.includes(","))
    throw new ShimError(`actions/cache: key "${key}": cannot contain commas`);
}

export interface RestoreResult {
  readonly matchedKey: string | undefined;
  readonly exact: boolean;
}

/** Finds the entry to restore: exact key first, then each restore-key prefix in order, newest first. */
export function findEntry(
  store: string,
  paths: readonly string[],
  key: string,
  restoreKeys: readonly string[],
): { dir: string; manifest: Manifest } | undefined {
  const all = entries(store, paths);
  const exact = all.find((e) => e.manifest.key === key);
  if (exact) return exact;
  for (const prefix of restoreKeys) {
    const match = all
      .filter((e) => e.manifest.key.startsWith(prefix))
      .sort((a, b) => b.manifest.created - a.manifest.created)[0];
    if (match) return match;
  }
  return undefined;
}

async function restoreInto(
  dirs: JobDirs,
  entry: string,
  paths: readonly string[],
): Promise<void> {
  for (const [i, p] of paths.entries()) {
    const source = path.join(entry, "data", String(i));
    if (existsSync(source))
      await copyTree(source, resolvePath(dirs, p), { link: true });
  }
}

/** Copies the paths into a new entry; an existing key is left alone (first writer wins). */
export async function saveEntry(
  store: string,
  dirs: JobDirs,
  paths: readonly string[],
  key: string,
): Promise<"saved" | "exists" | "empty"> {
  const root = versionDir(store, paths);
  const final = path.join(root, sha(key));
  if (existsSync(final)) return "exists";
  const present = paths
    .map((p) => resolvePath(dirs, p))
    .filter((p) => existsSync(p));
  if (present.length === 0) return "empty";
  const staging = path.join(root, `.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(staging, { recursive: true });
  for (const [i, p] of paths.entries()) {
    const source = resolvePath(dirs, p);
    if (existsSync(source))
      await copyTree(source, path.join(staging, "data", String(i)), {
        link: true,
      });
  }
  const manifest: Manifest = { key, paths, created: Date.now() };
  writeFileSync(path.join(staging, "manifest.json"), JSON.stringify(manifest));
  try {
    renameSync(staging, final);
  } catch {
    rmSync(staging, { recursive: true, force: true });
    return "exists";
  }
  return "saved";
}

function readInputs(
  action: string,
  ctx: ShimContext,
): { paths: string[]; key: string } {
  const paths = pathLines(ctx.with["path"]);
  if (paths.length === 0) throw new ShimError(`${action}: path: required`);
  paths.forEach((p) => refuseGlobs(action, p));
  const key = ctx.with["key"] ?? "";
  validateKey(key);
  return { paths, key };
}

async function restore(
  action: string,
  ctx: ShimContext,
): Promise<{
  outputs: Record<string, string>;
  exact: boolean;
  paths: string[];
  key: string;
}> {
  const { paths, key } = readInputs(action, ctx);
  const restoreKeys = pathLines(ctx.with["restore-keys"]);
  let seeded = false;
  if (
    ctx.stores.seedNodeModules &&
    paths.length === 1 &&
    paths[0] === "node_modules" &&
    findEntry(ctx.stores.cache, paths, key, []) === undefined
  ) {
    const why = unseedable(ctx.stores.repoRoot);
    if (why !== undefined) ctx.warn(`--seed-node-modules: not seeded: ${why}`);
    else
      seeded =
        (await saveEntry(
          ctx.stores.cache,
          { ...ctx.dirs, workspace: ctx.stores.repoRoot },
          paths,
          key,
        )) === "saved";
  }
  const entry = findEntry(ctx.stores.cache, paths, key, restoreKeys);
  const exact = entry?.manifest.key === key;
  if (entry && ctx.with["lookup-only"] !== "true")
    await restoreInto(ctx.dirs, entry.dir, paths);
  if (!entry && ctx.with["fail-on-cache-miss"] === "true") {
    throw new ShimError(
      `${action}: no cache for key ${key} (fail-on-cache-miss)`,
    );
  }
  ctx.log(
    entry
      ? `cache ${exact ? "hit" : "restored from"} ${entry.manifest.key}${seeded ? " (seeded from the checkout's node_modules: --seed-node-modules)" : ""}`
      : `cache miss for ${key}`,
  );
  return {
    outputs: {
      "cache-hit": String(exact),
      "cache-primary-key": key,
      "cache-matched-key": entry?.manifest.key ?? "",
    },
    exact,
    paths,
    key,
  };
}

const CACHE_INPUTS = [
  "path",
  "key",
  "restore-keys",
  "fail-on-cache-miss",
  "lookup-only",
];

export const cache: Shim = async (ctx) => {
  allowInputs("actions/cache", ctx, CACHE_INPUTS);
  const { outputs, exact, paths, key } = await restore("actions/cache", ctx);
  ctx.post(async (ok) => {
    if (!ok || exact) return;
    const result = await saveEntry(ctx.stores.cache, ctx.dirs, paths, key);
    ctx.log(
      `post actions/cache: ${result === "saved" ? `saved ${key}` : result === "exists" ? `${key} already exists, not saved` : "nothing to save"}`,
    );
  });
  return outputs;
};

export const cacheRestore: Shim = async (ctx) => {
  allowInputs("actions/cache/restore", ctx, CACHE_INPUTS);
  return (await restore("actions/cache/restore", ctx)).outputs;
};

export const cacheSave: Shim = async (ctx) => {
  allowInputs("actions/cache/save", ctx, ["path", "key"]);
  const { paths, key } = readInputs("actions/cache/save", ctx);
  const result = await saveEntry(ctx.stores.cache, ctx.dirs, paths, key);
  if (result === "saved")
    ctx.transferred(await sizeOf(paths.map((p) => resolvePath(ctx.dirs, p))));
  if (result === "empty")
    ctx.warn(
      `actions/cache/save: none of ${paths.join(", ")} exists — nothing saved`,
    );
  ctx.log(`actions/cache/save: ${result} ${key}`);
  return {};
};
