/**
 * actions/setup-node: the Node on PATH stands in for the downloaded one, and must match the version
 * file (a mismatch fails, as a wrong toolchain would on GitHub). `cache: npm` points npm at the
 * machine's warm download cache (a cache hit); without it the job's fresh HOME has an empty one.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { allowInputs, resolvePath, ShimError, type Shim } from "./shim";

/** Does `actual` (e.g. v22.12.0) satisfy the .nvmrc spec (22, 22.12, v22.12.0, lts/*)? */
export function nodeVersionMatches(spec: string, actual: string): boolean {
  const wanted = spec.trim().replace(/^v/, "");
  if (wanted === "node" || wanted.startsWith("lts/")) return true;
  const have = actual.replace(/^v/, "").split(".");
  return wanted.split(".").every((part, i) => part === "x" || part === have[i]);
}

export const setupNode: Shim = async (ctx) => {
  allowInputs("actions/setup-node", ctx, [
    "node-version-file",
    "node-version",
    "cache",
    // Automatic caching (a packageManager field in package.json) is not emulated; off is a no-op.
    "package-manager-cache",
  ]);
  const automatic = ctx.with["package-manager-cache"];
  if (automatic !== undefined && automatic !== "false")
    throw new ShimError(
      `actions/setup-node: package-manager-cache: ${automatic}: only false is emulated — use cache: npm`,
    );
  const file = ctx.with["node-version-file"];
  let spec = ctx.with["node-version"];
  if (file) {
    const full = resolvePath(ctx.dirs, file);
    if (!existsSync(full)) {
      throw new ShimError(
        `actions/setup-node: node-version-file ${file}: not in the checkout — commit it or check out first`,
      );
    }
    spec = readFileSync(full, "utf8").trim();
  }
  if (!spec)
    throw new ShimError(
      "actions/setup-node: give node-version or node-version-file",
    );
  if (!nodeVersionMatches(spec, process.version)) {
    throw new ShimError(
      `actions/setup-node: wants Node ${spec}, ci:local runs ${process.version} — put that Node first on PATH`,
    );
  }
  ctx.addPath(path.dirname(process.execPath));
  const cache = ctx.with["cache"];
  if (cache !== undefined && cache !== "npm") {
    throw new ShimError(
      `actions/setup-node: cache: ${cache}: only npm is emulated`,
    );
  }
  if (cache === "npm") {
    ctx.setEnv("npm_config_cache", ctx.stores.npmCache);
    ctx.log(
      `node ${process.version}; npm cache restored (the machine's warm cache)`,
    );
  } else {
    ctx.log(
      `node ${process.version}; no npm cache (downloads from the registry)`,
    );
  }
  return {
    "node-version": process.version,
    "cache-hit": cache === "npm" ? "true" : "false",
  };
};
