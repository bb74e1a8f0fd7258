/**
 * The commands a package.json script may run, by name, with what each may be given. A command not
 * listed is refused (script-command); npm subcommands that install or fetch are refused as
 * script-install. The tools listed come from node_modules/.bin, i.e. from the lockfile (registry
 * hosts and integrity checked by npm-sources.ts); `tsx`, `node` and `bash` run repository files,
 * which must exist and, for jobs bound to an environment, match their recorded hash (pins.ts).
 */

import type { PackageManager } from "../../../workflows-src/builders/package-manager";
import { PIPELINE_BIN } from "../../../workflows-src/builders/pipeline-package";
import { OPENNEXT_CONFIG } from "../../deploy/incremental-cache";
import { pipelineSourceFiles } from "./pipeline-sources";

/** npm commands (with npm's own aliases and typo aliases) that install, fetch or run fetched code. */
export const NPM_FETCHING = new Set([
  "install",
  "i",
  "in",
  "ins",
  "inst",
  "insta",
  "instal",
  "isnt",
  "isnta",
  "isntal",
  "isntall",
  "add",
  "it",
  "install-test",
  "cit",
  "clean-install-test",
  "sit",
  "ci",
  "clean-install",
  "ic",
  "install-clean",
  "isntall-clean",
  "update",
  "up",
  "upgrade",
  "udpate",
  "exec",
  "x",
  "init",
  "create",
  "innit",
  "link",
  "ln",
  "rebuild",
  "rb",
]);
const NPM_RUN = new Set(["run", "run-script", "rum", "urn"]);
const NPM_LIFECYCLE: Readonly<Record<string, string>> = {
  test: "test",
  t: "test",
  tst: "test",
  start: "start",
  stop: "stop",
  restart: "restart",
};

export type CommandVerdict =
  | { readonly kind: "script"; readonly name: string }
  | {
      readonly kind: "forbidden";
      readonly rule: "script-install" | "script-command";
      readonly reason: string;
    }
  /** Allowed; the repository files it executes. */
  | { readonly kind: "other"; readonly files: readonly string[] };

const ok = (files: readonly string[] = []): CommandVerdict => ({
  kind: "other",
  files,
});
const refuse = (reason: string): CommandVerdict => ({
  kind: "forbidden",
  rule: "script-command",
  reason,
});

/** npm options that only change how much npm prints or whether a missing script is an error. */
const NPM_QUIET =
  /^(?:-s|--silent|-q|--quiet|--if-present|--loglevel=(?:silent|error|warn|notice|info))$/;

function classifyNpm(args: readonly string[]): CommandVerdict {
  const dashes = args.indexOf("--");
  const own = dashes >= 0 ? args.slice(0, dashes) : args;
  const fetching = own.find((a) => NPM_FETCHING.has(a));
  if (fetching) {
    return {
      kind: "forbidden",
      rule: "script-install",
      reason: `npm ${fetching} installs or runs fetched packages`,
    };
  }
  const option = own.find((a) => a.startsWith("-") && !NPM_QUIET.test(a));
  if (option) {
    return refuse(
      `npm ${option} changes what npm runs or where (another prefix, workspace, shell or config)`,
    );
  }
  const [sub, ...rest] = own;
  if (sub !== undefined && NPM_RUN.has(sub)) {
    const name = rest.find((a) => !a.startsWith("-"));
    return name
      ? { kind: "script", name }
      : refuse("npm run without a script lists scripts only");
  }
  const lifecycle = sub === undefined ? undefined : NPM_LIFECYCLE[sub];
  if (lifecycle && rest.every((a) => a.startsWith("-")))
    return { kind: "script", name: lifecycle };
  return refuse(`npm ${sub ?? ""} is not npm run <script> or npm test`);
}

/** A repository-relative file that exists (no absolute path, no way out of the checkout). */
function repoFile(
  word: string | undefined,
  exists: (file: string) => boolean,
): string | undefined {
  if (word === undefined || word.startsWith("-") || word.startsWith("/"))
    return undefined;
  const file = word.replace(/^\.\//, "").replace(/\?.*$/, "");
  if (file.split("/").includes("..") || !exists(file)) return undefined;
  return file;
}

/** Node options that do not load code or change how code is read. */
const NODE_FLAGS =
  /^(?:--experimental-strip-types|--no-warnings|--enable-source-maps|--disable-warning=[\w-]+|--max-old-space-size=\d+)$/;

/** Packages `node --import` may load by name (registered loaders from the lockfile). */
const NODE_IMPORT_PACKAGES: ReadonlySet<string> = new Set(["tsx"]);

function classifyNode(
  args: readonly string[],
  exists: (file: string) => boolean,
): CommandVerdict {
  const files: string[] = [];
  let i = 0;
  for (; i < args.length; i += 1) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("-")) break;
    if (NODE_FLAGS.test(arg)) continue;
    const imported =
      arg === "--import" ? args[++i] : /^--import=(.*)$/.exec(arg)?.[1];
    if (imported === undefined) {
      return refuse(
        `node ${arg} runs code the script does not name as a file (-e, -p, -r, --loader …)`,
      );
    }
    if (NODE_IMPORT_PACKAGES.has(imported)) continue;
    const file = imported.startsWith("./")
      ? repoFile(imported, exists)
      : undefined;
    if (!file)
      return refuse(
        `node --import ${imported} loads something other than a repository file or ${[...NODE_IMPORT_PACKAGES].join(", ")}`,
      );
    files.push(file);
  }
  const main = repoFile(args[i], exists);
  if (!main)
    return refuse(
      `node runs ${args[i] ?? "(nothing)"}, which is not a repository file`,
    );
  return ok([...files, main]);
}

/**
 * Tools from node_modules/.bin a script may call with any literal arguments. Each runs only what
 * the repository configures (its config file, the files named).
 */
export const ALLOWED_TOOLS: ReadonlySet<string> = new Set([
  "eslint",
  "prettier",
  "tsc",
  "vitest",
  "next",
  "opennextjs-cloudflare",
  "depcruise",
  "wrangler",
  "stryker",
  "drizzle-kit",
  "playwright",
  // The pipeline's own CLI, from the lockfile like the tools above (an adopter's deploy:* scripts).
  PIPELINE_BIN,
  // The git hook manager an adopter may already have (its `prepare` runs during the install).
  "husky",
]);

/** pnpm commands that run a package.json script; anything else pnpm does is refused. */
const PNPM_RUN = new Set(["run", "run-script"]);

/** `pnpm run <script>` in a pnpm repository; pnpm's installs and downloads are refused. */
function classifyPnpm(args: readonly string[]): CommandVerdict {
  const [sub, ...rest] = args;
  if (sub !== undefined && PNPM_RUN.has(sub)) {
    const name = rest.find((a) => !a.startsWith("-"));
    if (name && rest.every((a) => a === name || NPM_QUIET.test(a)))
      return { kind: "script", name };
  }
  if (sub === "test" && rest.length === 0)
    return { kind: "script", name: "test" };
  return {
    kind: "forbidden",
    rule: "script-install",
    reason: `pnpm ${sub ?? ""} is not pnpm run <script> (pnpm install/add/dlx/exec fetch code)`,
  };
}

/** Commands that fetch code or packages: reported as script-install (they need no arguments to). */
const DOWNLOADERS: Readonly<Record<string, string>> = {
  npx: "downloads and runs a package",
  pnpx: "downloads and runs a package",
  bunx: "downloads and runs a package",
  uvx: "downloads and runs a package",
  pnpm: "is another package manager (pnpm dlx/add/install fetch code)",
  yarn: "is another package manager (yarn add/dlx fetch code)",
  yarnpkg: "is another package manager",
  bun: "is another package manager (bun add/x fetch code)",
  corepack: "downloads package managers",
  curl: "downloads from the network",
  wget: "downloads from the network",
  pip: "installs packages",
  pip3: "installs packages",
  pipx: "installs packages",
  gem: "installs packages",
  "apt-get": "installs packages",
  apt: "installs packages",
  brew: "installs packages",
};

/** What one command (its literal words) does, as far as the policy cares. */
export function classify(
  words: readonly string[],
  exists: (file: string) => boolean = () => true,
  manager: PackageManager = "npm",
  /** The repository's files: where it holds the pipeline's sources, `typed-cicd` runs them. */
  readFile: (file: string) => string | undefined = () => undefined,
): CommandVerdict {
  const [command = "", ...args] = words;
  if (command === PIPELINE_BIN) {
    // The release fills OpenNext's cache with the app's CLI, which runs the build's compile of
    // open-next.config.ts: its sources are what that job executes of the app.
    const opennext =
      args[0] === "deploy:release" && readFile(OPENNEXT_CONFIG) !== undefined
        ? [OPENNEXT_CONFIG]
        : [];
    const sources = pipelineSourceFiles(args[0], readFile);
    if (sources !== undefined || opennext.length > 0)
      return ok([...(sources ?? []), ...opennext]);
  }
  if (command === "npm") return classifyNpm(args);
  if (command === "pnpm" && manager === "pnpm") return classifyPnpm(args);
  if (command === "tsx") {
    const file = repoFile(args[0], exists);
    return file
      ? ok([file])
      : refuse(
          `tsx runs ${args[0] ?? "(nothing)"}, which is not a repository file`,
        );
  }
  if (command === "node") return classifyNode(args, exists);
  if (command === "bash" || command === "sh") {
    const file = repoFile(args[0], exists);
    return file
      ? ok([file])
      : refuse(
          `${command} ${args[0] ?? ""} runs code that is not a repository file (-c, stdin)`,
        );
  }
  if (command === "playwright" && args.some((a) => a.startsWith("install"))) {
    return {
      kind: "forbidden",
      rule: "script-install",
      reason: "playwright install downloads browsers",
    };
  }
  if (ALLOWED_TOOLS.has(command)) return ok();
  const base = command.split("/").at(-1) ?? command;
  const downloader = DOWNLOADERS[base];
  if (downloader) {
    return {
      kind: "forbidden",
      rule: "script-install",
      reason: `${base} ${downloader}`,
    };
  }
  return refuse(
    `${command} is not an allowed command (npm run/test, tsx FILE, node FILE, bash FILE, ${[...ALLOWED_TOOLS].join(", ")})`,
  );
}
