/**
 * The commit serving an environment, as Cloudflare knows it: the version taking the most traffic
 * (`wrangler deployments status --json`) and its `workers/tag`, which the release sets to the
 * commit SHA. The truth even after a manual rollback; needs CLOUDFLARE_API_TOKEN/ACCOUNT_ID.
 */
import type { CloudflareClient } from "../deploy/cloudflare";
import { SHA_PATTERN } from "../deploy/git-sha";
import type { WranglerScope } from "../deploy/wrangler-args";
import { servingVersion } from "../deploy/wrangler-output";

/** Undefined when nothing serves (no Worker yet, or never deployed). */
export async function servingFromCloudflare(
  cloudflare: CloudflareClient,
  scope: WranglerScope & { readonly name: string },
): Promise<string | undefined> {
  const state = await cloudflare.deploymentState(scope);
  if (state.kind !== "serving") return undefined;
  const versionId = servingVersion(state.deployment);
  const tag = await cloudflare.versionTag(scope, versionId);
  if (tag === undefined || !SHA_PATTERN.test(tag))
    throw new Error(
      `${scope.name}: serving version ${versionId} is tagged ${tag === undefined ? "with nothing" : `"${tag}"`}, not a commit SHA — it was not uploaded by deploy:release; give the commit with --against <sha>`,
    );
  return tag;
}
