/**
 * npm run gen:workflows — writes .github/workflows/*.yml and docs/deployment/diagrams/*.md from
 * workflows-src/, and deletes generated files whose source is gone. Computes everything before
 * writing anything, so a failing definition leaves the checkout as it was.
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generate } from "./generate";
import { watchAndGenerate } from "./watch";

const HELP = `Usage: npm run gen:workflows [-- --watch]

Regenerates every workflow in .github/workflows/ and its Mermaid diagram in
docs/deployment/diagrams/ from workflows-src/index.ts. Generated files that no
longer have a source (and carry the generated header) are deleted; other files
are never touched. Exit 1 (and no file written) when a definition is invalid.

  --watch     regenerate on every save under workflows-src/, scripts/workflows/ or of
              package.json; an invalid definition prints its error and keeps watching
  -h, --help  show this help`;

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      help: { type: "boolean", short: "h" },
      watch: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.watch) {
    await watchAndGenerate(ROOT, fileURLToPath(import.meta.url));
    return 0;
  }
  const result = await generate(ROOT);
  if (!result.ok) {
    for (const line of result.errors) console.error(`gen:workflows: ${line}`);
    console.error(
      "gen:workflows: nothing written — fix the definition above and run again",
    );
    return 1;
  }
  const { plan } = result;
  for (const file of plan.write) console.log(`wrote    ${file.path}`);
  for (const file of plan.remove) {
    console.log(`deleted  ${file} (its source is gone)`);
  }
  console.log(
    `gen:workflows: ${plan.write.length} written, ${plan.unchanged.length} unchanged, ${plan.remove.length} deleted`,
  );
  return 0;
}

process.exitCode = await main();
