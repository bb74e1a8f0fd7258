/**
 * npm run ci:installed-version -- <package> (or env INSTALLED_PACKAGE) — prints the installed version of <package> and, on
 * GitHub, writes it as the step output `version` (the e2e job keys its browser cache on it).
 */
import { installedVersionContract } from "../../workflows-src/contracts";
import { defineCli, UsageError } from "../cli/define-cli";
import { repoRoot } from "../cli/repo-root";
import { installedVersion } from "./installed-version";

const cli = defineCli({
  usage:
    "npm run ci:installed-version -- <package> | --package <name> [--root <dir>]",
  description: `Prints the version of <package> installed in node_modules and writes
version=<x.y.z> to $GITHUB_OUTPUT when it is set. Exit 1 when the package is
not installed, 2 on bad arguments.`,
  contract: installedVersionContract,
  options: {
    package: {
      type: "string",
      value: "<name>",
      envVar: "INSTALLED_PACKAGE",
      description:
        "the package (a workflow passes it in env; or give it as the argument)",
    },
    root: {
      type: "string",
      value: "<dir>",
      description:
        "the checkout whose node_modules to read (default: this one)",
    },
  },
  positionals: true,
  errorPrefix: "ci:installed-version",
  run: ({ values, positionals, setOutputs }) => {
    const named = values.package ? [values.package] : [];
    const [name, ...extra] = [...positionals, ...named];
    if (!name || extra.length > 0)
      throw new UsageError(
        "name exactly one package, e.g. npm run ci:installed-version -- playwright-core",
      );
    const root = values.root ?? repoRoot();
    const version = installedVersion(root, name);
    console.log(`${name} ${version}`);
    setOutputs({ version });
    return 0;
  },
});

process.exitCode = await cli.main();
