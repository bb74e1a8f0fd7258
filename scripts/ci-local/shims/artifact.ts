/**
 * actions/upload-artifact and download-artifact: copies into and out of this run's artifact store,
 * with the upload action's file rules — hidden files and directories (a name starting with ".",
 * the named path itself included) are left out unless include-hidden-files, a single named file is
 * stored without its directories, several paths keep their layout below the common ancestor, and
 * `if-no-files-found` decides whether nothing found is an error, a warning or fine.
 * Contract: https://github.com/actions/upload-artifact#inputs, https://github.com/actions/download-artifact#inputs
 */
import { existsSync, readdirSync, statSync, type Stats } from "node:fs";
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import {
  allowInputs,
  pathLines,
  refuseGlobs,
  resolvePath,
  ShimError,
  sizeOf,
  type Shim,
} from "./shim";

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/** Files under `root` (following symlinks), skipping hidden names — the root included — when asked. */
export function listFiles(root: string, includeHidden: boolean): string[] {
  const found: string[] = [];
  const walk = (item: string): void => {
    if (!includeHidden && path.basename(item).startsWith(".")) return;
    const stats = statOrNull(item);
    if (!stats) return;
    if (stats.isDirectory()) {
      for (const name of readdirSync(item).sort()) walk(path.join(item, name));
    } else {
      found.push(item);
    }
  };
  walk(root);
  return found;
}

function commonAncestor(paths: readonly string[]): string {
  const split = paths.map((p) => path.normalize(p).split(path.sep));
  const first = split[0] ?? [];
  let i = 0;
  while (i < first.length && split.every((parts) => parts[i] === first[i])) i++;
  return first.slice(0, i).join(path.sep) || path.sep;
}

export interface UploadPlan {
  readonly root: string;
  readonly files: readonly string[];
}

/** Which files an upload takes and the directory their artifact paths are relative to. */
export function planUpload(
  searchPaths: readonly string[],
  includeHidden: boolean,
): UploadPlan {
  const files = [
    ...new Set(searchPaths.flatMap((p) => listFiles(p, includeHidden))),
  ];
  if (searchPaths.length > 1)
    return { root: commonAncestor(searchPaths), files };
  const only = searchPaths[0] as string;
  if (files.length === 1 && files[0] === only)
    return { root: path.dirname(only), files };
  return { root: only, files };
}

let nextArtifactId = 1;

export const uploadArtifact: Shim = async (ctx) => {
  const action = "actions/upload-artifact";
  allowInputs(action, ctx, [
    "name",
    "path",
    "if-no-files-found",
    "retention-days",
    "compression-level",
    "overwrite",
    "include-hidden-files",
  ]);
  const name = ctx.with["name"] || "artifact";
  const paths = pathLines(ctx.with["path"]);
  if (paths.length === 0) throw new ShimError(`${action}: path: required`);
  paths.forEach((p) => refuseGlobs(action, p));
  const ifNone = ctx.with["if-no-files-found"] ?? "warn";
  if (!["warn", "error", "ignore"].includes(ifNone)) {
    throw new ShimError(
      `${action}: if-no-files-found: "${ifNone}" — use warn, error or ignore`,
    );
  }
  const plan = planUpload(
    paths.map((p) => resolvePath(ctx.dirs, p)),
    ctx.with["include-hidden-files"] === "true",
  );
  if (plan.files.length === 0) {
    const message = `No files were found with the provided path: ${paths.join(", ")}. No artifacts will be uploaded.`;
    if (ifNone === "error") throw new ShimError(`${action}: ${message}`);
    if (ifNone === "warn") ctx.warn(message);
    return {} as Record<string, string>;
  }
  const target = path.join(ctx.stores.artifacts, name);
  if (existsSync(target)) {
    if (ctx.with["overwrite"] !== "true") {
      throw new ShimError(
        `${action}: an artifact named "${name}" already exists in this run — set overwrite: true or use another name`,
      );
    }
    throw new ShimError(
      `${action}: "${name}" uploaded twice in one local run — ci:local keeps the first`,
    );
  }
  for (const file of plan.files) {
    const dest = path.join(target, path.relative(plan.root, file));
    await mkdir(path.dirname(dest), { recursive: true });
    await cp(file, dest, { dereference: true });
  }
  ctx.transferred(await sizeOf([target]));
  ctx.log(`uploaded ${plan.files.length} file(s) as ${name}`);
  return {
    "artifact-id": String(nextArtifactId++),
    "artifact-url": `file://${target}`,
  };
};

export const downloadArtifact: Shim = async (ctx) => {
  const action = "actions/download-artifact";
  allowInputs(action, ctx, ["name", "path"]);
  const name = ctx.with["name"];
  const dest = resolvePath(ctx.dirs, ctx.with["path"] || ".");
  const names = name
    ? [name]
    : existsSync(ctx.stores.artifacts)
      ? readdirSync(ctx.stores.artifacts)
      : [];
  for (const artifact of names) {
    const source = path.join(ctx.stores.artifacts, artifact);
    if (!existsSync(source)) {
      throw new ShimError(
        `${action}: Unable to download artifact(s): Artifact not found for name: ${artifact} — upload it in a job this one needs`,
      );
    }
    // One named artifact lands in path itself; all artifacts land in path/<name>.
    await cp(source, name ? dest : path.join(dest, artifact), {
      recursive: true,
    });
    ctx.transferred(await sizeOf([source]));
  }
  ctx.log(
    `downloaded ${names.length} artifact(s) to ${path.relative(ctx.dirs.workspace, dest) || "."}`,
  );
  return { "download-path": dest };
};
