/**
 * The commands of the `typed-cicd` bin: one per package.json script init writes for an adopter
 * (PIPELINE_SCRIPTS), `init` itself, plus the repository-only ones the issue names. Each either
 * runs the CLI it wraps or refuses in one line naming why it cannot work outside this repository
 * yet. Pure data and a pure resolver; bin.ts does the importing.
 */
import type { PIPELINE_SCRIPTS } from "../../scripts/init/infer-config";
import { PIPELINE_BIN } from "../../workflows-src/builders/pipeline-package";

/** Scripts this repository has that an adopter does not get yet. */
type RepositoryOnly = "rehearse" | "pins:check";

/** Run once by hand, so no package.json script of the adopter's names it. */
type Adoption = "init";

export type CommandName =
  Adoption | (typeof PIPELINE_SCRIPTS)[number] | RepositoryOnly;

export type Command = RunnableCommand | RefusedCommand;

export interface RunnableCommand {
  readonly summary: string;
  /**
   * Loads the adopter's TypeScript (workflows-src/) in this process: tsx is registered first.
   * Node's own type stripping would load a lone .ts file, but not its extensionless imports
   * (environments.ts imports ./cloudflare-account).
   */
  readonly loadsTypeScript?: boolean;
}

export interface RefusedCommand {
  readonly summary: string;
  readonly refusal: string;
}

export const COMMANDS = {
  "gen:workflows": {
    summary:
      "write .github/workflows/*.yml from workflows-src/ (the config init wrote)",
    loadsTypeScript: true,
  },
  "check:workflows": {
    summary:
      "fail on drift of the generated files, actionlint or policy findings",
    loadsTypeScript: true,
  },
  "audit:workflows": {
    summary: "the workflow policy on the workflow files given",
    // It judges secrets against the checkout's environments.ts (and what that imports).
    loadsTypeScript: true,
  },
  "lint:migrations": {
    summary: "replay the D1 migrations and report what they lose",
  },
  "ci:installed-version": {
    summary: "print the installed version of a package (GITHUB_OUTPUT too)",
  },
  "node:releases": {
    summary: "compare .nvmrc with the current Node releases",
  },
  "pins:check": {
    summary: "check the action pins of the catalog",
    refusal:
      "the action catalog (workflows-src/actions.ts) is the pipeline's own and not shipped as a file — pins are checked in the pipeline's repository",
  },
  "deploy:toolset": {
    summary: "install the deploy toolset",
    // The environment jobs run it before anything is installed: no bin exists to call yet.
    refusal:
      "the environment jobs run it before anything is installed — set scripts.deploy:toolset to your lockfile install without install scripts (npm ci --ignore-scripts, pnpm install --frozen-lockfile --ignore-scripts; init writes it)",
  },
  // The deploy CLIs import the repository's workflows-src/environments.ts when they run (tsx), and
  // run its own node_modules/.bin/wrangler.
  "deploy:route": {
    summary: "which environment this deploy.yml run deploys",
    loadsTypeScript: true,
  },
  "deploy:migrate": {
    summary: "apply the D1 migrations",
    loadsTypeScript: true,
  },
  "deploy:release": {
    summary: "upload, check and promote a version",
    loadsTypeScript: true,
  },
  "deploy:rollback": {
    summary: "roll the Worker and D1 back",
    loadsTypeScript: true,
  },
  // Reads the repository's environments.ts and its quality.yml source (the rulesets' checks).
  setup: {
    summary: "create the Cloudflare resources and GitHub environments",
    loadsTypeScript: true,
  },
  // Called from the app's own hook manager (init adds the line to .husky/pre-commit).
  "hooks:pre-commit": {
    summary:
      "the pre-commit checks: check:workflows when workflow files are staged, the migration gate when migrations are",
  },
  // Loads the adopter's workflows-src/*.ts when they exist (a second run reads them back).
  init: {
    summary:
      "adopt the pipeline here: write the config, environments, scripts; generate the workflows",
    loadsTypeScript: true,
  },
  // Runs the adopter's committed .github/workflows/*.yml in clones of its HEAD; reads no TypeScript.
  "ci:local": {
    summary:
      "run a generated workflow's jobs here as a runner would (default: quality)",
  },
  rehearse: {
    summary: "rehearse a deploy against a local Worker",
    refusal:
      "the rehearsal needs the deploy CLIs and the API doubles, which stay in the pipeline's repository for now",
  },
} as const satisfies Readonly<Record<CommandName, Command>>;

/** The commands that run a CLI (cli-modules.ts maps each to the module it imports). */
export type RunnableName = {
  [K in CommandName]: (typeof COMMANDS)[K] extends { refusal: string }
    ? never
    : K;
}[CommandName];

export type Resolved =
  | { readonly kind: "help"; readonly text: string }
  | { readonly kind: "fail"; readonly message: string; readonly code: number }
  | {
      readonly kind: "run";
      readonly name: RunnableName;
      readonly command: RunnableCommand;
      readonly argv: readonly string[];
    };

export function helpText(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((name) => {
    const command = COMMANDS[name];
    const note = "refusal" in command ? " (not packaged yet)" : "";
    return `  ${name.padEnd(width)}  ${command.summary}${note}`;
  });
  return `Usage: ${PIPELINE_BIN} <command> [args]   (${PIPELINE_BIN} <command> --help for its options)

Runs in the repository of the working directory (the nearest package.json at or above it).

Commands:
${lines.join("\n")}
`;
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** `argv`: the arguments after the bin's own path. */
export function resolveCommand(argv: readonly string[]): Resolved {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h")
    return { kind: "help", text: helpText() };
  if (!isCommand(name))
    return {
      kind: "fail",
      code: 2,
      message: `${PIPELINE_BIN}: unknown command "${name}" — use one of ${Object.keys(COMMANDS).join(", ")}`,
    };
  const command: Command = COMMANDS[name];
  if ("refusal" in command)
    return {
      kind: "fail",
      code: 1,
      message: `${PIPELINE_BIN} ${name}: not available from the package yet: ${command.refusal}`,
    };
  return { kind: "run", name: name as RunnableName, command, argv: rest };
}
