/**
 * Which shim stands in for a `uses:` ref. Only refs in the catalog (workflows-src/actions.ts), at
 * their pinned SHA, have one: an unknown action or an unpinned ref fails the step, as the drift
 * check would refuse it.
 */
import { actions, type ActionName } from "../../../workflows-src/actions";
import { downloadArtifact, uploadArtifact } from "./artifact";
import { cache, cacheRestore, cacheSave } from "./cache";
import { checkout } from "./checkout";
import { setupNode } from "./setup-node";
import { ShimError, type Shim } from "./shim";
import { zizmor } from "./zizmor";

/** Shims by catalog name; `satisfies` makes a catalog entry without a shim a type error. */
const byName = {
  checkout,
  setupNode,
  uploadArtifact,
  downloadArtifact,
  cache,
  cacheRestore,
  cacheSave,
  zizmor,
} satisfies Record<ActionName, Shim> as Record<string, Shim>;

export function shimFor(uses: string): { name: string; shim: Shim } {
  const entry = Object.entries(actions).find(
    ([, pin]) => `${pin.repo}@${pin.sha}` === uses,
  );
  const shim = entry ? byName[entry[0]] : undefined;
  if (!entry || !shim) {
    throw new ShimError(
      `uses: ${uses}: no ci:local shim — only the catalogued actions of workflows-src/actions.ts (at their pinned SHA) run locally`,
    );
  }
  return { name: entry[1].repo, shim };
}
