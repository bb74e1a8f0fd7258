/**
 * npm run ci:installed-version -- <package> — prints the installed version of <package> and, on
 * GitHub, writes it as the step output `version` (the e2e job keys its browser cache on it).
 */
import { appendFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { installedVersion } from "./installed-version";

const HELP = `Usage: npm run ci:installed-version -- <package> [--root <dir>]

Prints the version of <package> installed in node_modules and writes
version=<x.y.z> to $GITHUB_OUTPUT when it is set. Exit 1 when the package is
not installed, 2 on bad arguments.`;

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        help: { type: "boolean", short: "h" },
        root: { type: "string" },
      },
    });
  } catch (error) {
    console.error(`ci:installed-version: ${(error as Error).message}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) {
    console.error(
      "ci:installed-version: name exactly one package, e.g. npm run ci:installed-version -- playwright-core",
    );
    return 2;
  }
  const root = values.root ?? fileURLToPath(new URL("../../", import.meta.url));
  let version: string;
  try {
    version = installedVersion(root, name);
  } catch (error) {
    console.error(`ci:installed-version: ${(error as Error).message}`);
    return 1;
  }
  console.log(`${name} ${version}`);
  const output = process.env["GITHUB_OUTPUT"];
  if (output) appendFileSync(output, `version=${version}\n`);
  return 0;
}

process.exitCode = main();
