/**
 * npm run gen:workflows — writes .github/workflows/*.yml and docs/deployment/diagrams/*.md from
 * workflows-src/, and deletes generated files whose source is gone. Computes everything before
 * writing anything, so a failing definition leaves the checkout as it was.
 */
import { fileURLToPath } from "node:url";
import { BUNDLED } from "../cli/child-module";
import { defineCli } from "../cli/define-cli";
import { repoRoot } from "../cli/repo-root";
import { loadKeptWorkflows } from "../init/adopter-definitions";
import { generate } from "./generate";
import { describeLoadError } from "./load-definitions";
import { watchAndGenerate } from "./watch";

const cli = defineCli({
  usage: "npm run gen:workflows [-- --watch]",
  description: `Regenerates every workflow in .github/workflows/ and its Mermaid diagram in
docs/deployment/diagrams/, and .github/dependabot.yml, from workflows-src/index.ts. Generated files that no
longer have a source (and carry the generated header) are deleted; other files
are never touched. Exit 1 (and no file written) when a definition is invalid.`,
  options: {
    watch: {
      type: "boolean",
      description: `regenerate on every save under workflows-src/, scripts/workflows/ or of
package.json; an invalid definition prints its error and keeps watching`,
    },
  },
  run: ({ values }) => main(values.watch),
});

const ROOT = repoRoot();

async function main(watch: boolean): Promise<number> {
  if (watch && BUNDLED) {
    // It re-runs this script's source and watches scripts/workflows/, which only exist here.
    console.error(
      "gen:workflows: --watch runs from the pipeline's own repository only — run gen:workflows after each change",
    );
    return 2;
  }
  if (watch) {
    await watchAndGenerate(ROOT, fileURLToPath(import.meta.url));
    return 0;
  }
  let keep;
  try {
    keep = await loadKeptWorkflows(ROOT);
  } catch (error) {
    // pipeline.config.ts imports the builders too: a throw in one names its TS source.
    for (const line of describeLoadError(error).split("\n"))
      console.error(`gen:workflows: ${line}`);
    return 1;
  }
  const result = await generate(ROOT, undefined, undefined, keep);
  if (!result.ok) {
    for (const line of result.errors) console.error(`gen:workflows: ${line}`);
    console.error(
      "gen:workflows: nothing written — fix the definition (or the TS source named above) and run again",
    );
    return 1;
  }
  const { plan } = result;
  for (const file of plan.write) console.log(`wrote    ${file.path}`);
  if (result.pinsWritten) {
    console.log(
      "wrote    .github/workflow-pins.json (what the environment jobs run changed: review it)",
    );
  }
  for (const file of plan.remove) {
    console.log(`deleted  ${file} (its source is gone)`);
  }
  console.log(
    `gen:workflows: ${plan.write.length} written, ${plan.unchanged.length} unchanged, ${plan.remove.length} deleted`,
  );
  return 0;
}

process.exitCode = await cli.main();
