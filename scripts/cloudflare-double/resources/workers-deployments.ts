/**
 * Worker deployments: which versions serve, with percentages. Newest first, as wrangler's
 * fetchLatestDeployment takes `deployments.at(0)` as the one serving.
 * @see https://developers.cloudflare.com/api/resources/workers/subresources/scripts/subresources/deployments/
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError, CODES, success } from "../envelope";
import { parseJson, requireAccount, requireWorker, route } from "../router";
import { checkSameMigration } from "./upload-rules";
import {
  AUTHOR_EMAIL,
  type DoubleState,
  type WorkerDeployment,
  type WorkerScript,
} from "../state";

export function deploymentJson(d: WorkerDeployment) {
  return {
    id: d.id,
    source: d.source,
    strategy: d.strategy,
    author_email: d.authorEmail,
    annotations: d.annotations,
    created_on: d.createdOn,
    versions: d.versions,
  };
}

export function addDeployment(
  state: DoubleState,
  worker: WorkerScript,
  versions: readonly { version_id: string; percentage: number }[],
  annotations: Record<string, string>,
): WorkerDeployment {
  const total = versions.reduce((sum, v) => sum + v.percentage, 0);
  if (versions.length === 0 || Math.abs(total - 100) > 1e-9)
    throw new ApiError(
      400,
      CODES.badRequest,
      `Version percentages must add up to 100, got ${total}`,
    );
  for (const v of versions) {
    const found = state.findVersion(worker, v.version_id);
    if (found === undefined)
      throw new ApiError(
        404,
        10220,
        `Version ${v.version_id} does not exist for Worker ${worker.name}`,
      );
    checkSameMigration(worker, found);
  }
  const deployment: WorkerDeployment = {
    id: randomUUID(),
    // Strictly increasing, so "newest first" never ties within one millisecond.
    createdOn: nextTimestamp(worker),
    source: "wrangler",
    strategy: "percentage",
    authorEmail: AUTHOR_EMAIL,
    annotations,
    versions: versions.map((v) => ({ ...v })),
  };
  worker.deployments.push(deployment);
  state.save();
  return deployment;
}

function nextTimestamp(worker: WorkerScript): string {
  const last = worker.deployments.at(-1);
  const now = Date.now();
  const after = last === undefined ? now : Date.parse(last.createdOn) + 1;
  return new Date(Math.max(now, after)).toISOString();
}

const createSchema = z.object({
  strategy: z.literal("percentage"),
  versions: z
    .array(z.object({ version_id: z.string(), percentage: z.number() }))
    .min(1),
  annotations: z.record(z.string(), z.string().optional()).optional(),
});

export const deploymentRoutes = [
  // GET /accounts/{account_id}/workers/scripts/{script_name}/deployments — list deployments
  // (wrangler deployments status/list, versions deploy, rollback)
  route(
    "GET",
    "/accounts/:account/workers/scripts/:script/deployments",
    (ctx) => {
      requireAccount(ctx);
      const worker = requireWorker(ctx, ctx.params.script as string);
      return {
        json: success({
          deployments: [...worker.deployments].reverse().map(deploymentJson),
        }),
      };
    },
  ),
  // POST /accounts/{account_id}/workers/scripts/{script_name}/deployments — create deployment
  // (wrangler versions deploy, rollback, deploy)
  route(
    "POST",
    "/accounts/:account/workers/scripts/:script/deployments",
    (ctx) => {
      requireAccount(ctx);
      const worker = requireWorker(ctx, ctx.params.script as string);
      const body = parseJson(ctx, createSchema);
      const annotations: Record<string, string> = {
        "workers/triggered_by": "deployment",
      };
      const message = body.annotations?.["workers/message"];
      if (message) annotations["workers/message"] = message;
      const deployment = addDeployment(
        ctx.state,
        worker,
        body.versions,
        annotations,
      );
      return { json: success(deploymentJson(deployment)) };
    },
  ),
];
