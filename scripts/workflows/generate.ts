/**
 * One generation over a checkout: load the definitions, plan every file, then write. Any failure
 * before the write leaves the checkout untouched.
 */
import {
  applySync,
  planSync,
  readGeneratedLocations,
  type SyncPlan,
} from "./generated-files";
import { loadDefinitions, type DefinitionsModule } from "./load-definitions";
import { planFiles } from "./plan";

export type GenerateResult =
  | { readonly ok: true; readonly plan: SyncPlan }
  | { readonly ok: false; readonly errors: readonly string[] };

export async function generate(
  root: string,
  load?: () => Promise<DefinitionsModule>,
): Promise<GenerateResult> {
  let plan: SyncPlan;
  try {
    const planned = planFiles(await loadDefinitions(load));
    plan = planSync(planned, readGeneratedLocations(root));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: message.split("\n") };
  }
  applySync(root, plan);
  return { ok: true, plan };
}
