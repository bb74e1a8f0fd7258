/**
 * zizmorcore/zizmor-action runs zizmor's Docker image, which this machine cannot pull. The shim
 * checks what it can (its inputs, that the audited path is in the checkout) and passes with a
 * warning that names the local gate: `npm run audit:workflows`, run by check:workflows in the drift
 * job. A listed difference, like the stand-ins for run: steps.
 */
import { existsSync } from "node:fs";
import { allowInputs, resolvePath, ShimError, type Shim } from "./shim";

export const zizmor: Shim = async (ctx) => {
  allowInputs("zizmorcore/zizmor-action", ctx, [
    "inputs",
    "advanced-security",
    "persona",
    "version",
    "min-severity",
    "min-confidence",
    "online-audits",
    "token",
  ]);
  const inputs = ctx.with["inputs"] ?? ".";
  for (const target of inputs.split(/\s+/).filter(Boolean)) {
    if (!existsSync(resolvePath(ctx.dirs, target))) {
      throw new ShimError(
        `zizmorcore/zizmor-action: inputs ${target}: not in the checkout`,
      );
    }
  }
  ctx.warn(
    "local stand-in: zizmor runs as a Docker image on GitHub only; here the workflow audit is npm run audit:workflows (in check:workflows, drift job)",
  );
  return {};
};
