/**
 * The N−1 compatibility job: the build serving the environment this change will deploy to, run on
 * the schema this change leaves behind (scripts/compat/). On a pull request it checks the base
 * branch's environment; in deploy.yml's quality call, the pushed branch's — so deploy's migrate
 * (which needs the whole quality workflow) never starts after a red check. It needs no build of
 * its own (it fetches the serving run's artifact), so it runs beside build → e2e, not after them.
 */
import { compatContract } from "../contracts";
import { github, or } from "./expr";
import type { PipelineConfig } from "./pipeline-config";
import { playwrightBrowserSteps } from "./quality";
import {
  checkout,
  defineJob,
  prepareCached,
  runScript,
  type BuiltJob,
} from "./steps";

export function compatJob(
  config: PipelineConfig,
  needs: readonly BuiltJob[] = [],
): BuiltJob<never> {
  const manager = config.packageManager;
  const [, ...prologue] = prepareCached(manager);
  return defineJob("compat", {
    name: "N−1 compatibility (serving build on the new schema)",
    needs,
    timeoutMinutes: 20,
    // actions: read finds the last successful deploy run and downloads its worker-build artifact.
    permissions: { contents: "read", actions: "read" },
    steps: [
      // Full history: the serving commit's worktree and E2E suite come from git, without credentials.
      checkout({ fullHistory: true }),
      ...prologue,
      ...playwrightBrowserSteps(manager),
      runScript(manager, compatContract, {
        env: { COMPAT_BRANCH: or(github.baseRef, github.refName) },
        secrets: ["GITHUB_TOKEN"],
      }),
    ],
  });
}
