/**
 * mutation.yml — Stryker on the critical logic: on pull requests that touch it (incremental: only
 * mutants whose code or tests changed since the base branch's last full run), and in full weekly,
 * on pushes to the deploy branches (which record the incremental file) and by hand.
 */
import { mutationWorkflow } from "@typed-cicd/pipeline";
import { environments } from "../environments";
import config from "../pipeline.config";

const workflow = mutationWorkflow(config, environments, {
  sourceUrl: import.meta.url,
});
if (!workflow)
  throw new Error(
    "workflows-src/pipeline.config.ts: stages.mutation: Missing — this repository mutates its critical logic: restore the stage",
  );
export const mutation = workflow;
