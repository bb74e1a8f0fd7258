/**
 * The generated workflows set Node up from .nvmrc (`node-version-file`); without the file every job
 * fails at setup-node. When the app has none, init writes one: the version in `.node-version` when
 * that exists, else the major the deploy toolset needs (wrangler ≥ 4.100 runs on Node ≥ 22.12).
 * Pure.
 */
export const NVMRC = ".nvmrc";
export const NODE_VERSION_FILE = ".node-version";
export const TOOLSET_NODE_MAJOR = "22";

export type NvmrcPlan =
  { readonly text: string; readonly note: string } | undefined;

export function nvmrcPlan(
  nvmrc: string | undefined,
  nodeVersion: string | undefined,
): NvmrcPlan {
  if (nvmrc !== undefined) return undefined;
  const fromFile = nodeVersion?.trim();
  if (fromFile)
    return {
      text: `${fromFile}\n`,
      note: `${NVMRC}: written from ${NODE_VERSION_FILE} (${fromFile}) — the workflows read ${NVMRC}; the deploy toolset needs Node ≥ 22.12`,
    };
  return {
    text: `${TOOLSET_NODE_MAJOR}\n`,
    note: `${NVMRC}: none here — wrote "${TOOLSET_NODE_MAJOR}" (the generated jobs set Node up from it; the deploy toolset needs Node ≥ 22.12): pin the version your app runs on`,
  };
}
