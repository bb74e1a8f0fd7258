/**
 * Every CLI in scripts/ is its options plus a handler: `defineCli` generates --help from the same
 * option table it parses with (the one parseArgs call in scripts/), applies env fallbacks (blank
 * counts as unset, so optional workflow inputs pass through unconditionally), and turns bad input
 * into exit 2. A CLI with a script contract (workflows-src/contracts.ts) can only name env variables
 * the contract declares, must give every one of them to an option, and writes GITHUB_OUTPUT through it.
 */
import { parseArgs } from "node:util";
import type {
  EnvOf,
  OutputsOf,
  ScriptContract,
} from "../../workflows-src/contracts";
import type { EnvVars } from "../deploy/env-vars";
import { reportError, writeOutputs } from "../deploy/github-io";
import { repositoryManager, usageIn } from "./package-script";

/** Bad input: the message says which flag and why; the CLI prints it with its help and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** False for bad input the help cannot fix (an unreadable file, a broken config). */
    readonly seeHelp = true,
  ) {
    super(message);
  }
}

/** Variables the runner sets (GITHUB_EVENT_NAME, GITHUB_REF, …): no step passes them, no contract lists them. */
type RunnerEnv = `GITHUB_${string}`;

interface CommonOption<TEnv extends string> {
  readonly description: string;
  readonly short?: string;
  /** Read when the flag is absent (or blank); a workflow passes values this way. */
  readonly envVar?: TEnv;
}

export interface StringOption<TEnv extends string> extends CommonOption<TEnv> {
  readonly type: "string";
  /** Placeholder in --help, e.g. "<url>". */
  readonly value: string;
  readonly default?: string;
}

/** A flag given any number of times (`--job a --job b`); its value is the list, [] when absent. */
export interface ListOption {
  readonly type: "string";
  readonly multiple: true;
  /** Placeholder in --help, e.g. "<id>". */
  readonly value: string;
  readonly description: string;
  readonly short?: string;
  readonly envVar?: undefined;
}

/** A boolean's env fallback counts only the exact value "true" (a dispatch checkbox). */
export interface BooleanOption<TEnv extends string> extends CommonOption<TEnv> {
  readonly type: "boolean";
}

export type CliOption<TEnv extends string = string> =
  StringOption<TEnv> | BooleanOption<TEnv> | ListOption;

export type CliValues<O extends Record<string, CliOption>> = {
  -readonly [K in keyof O]: O[K] extends { type: "boolean" }
    ? boolean
    : O[K] extends { multiple: true }
      ? string[]
      : O[K] extends { default: string }
        ? string
        : string | undefined;
};

type EnvNames<C> = [C] extends [ScriptContract] ? EnvOf<C> | RunnerEnv : string;

export interface CliContext<O extends Record<string, CliOption>, C> {
  readonly values: CliValues<O>;
  readonly positionals: readonly string[];
  /** Every output the contract declares; undefined leaves one unwritten. */
  readonly setOutputs: (values: {
    readonly [K in OutputsOf<C>]: string | undefined;
  }) => void;
}

export interface CliSpec<
  O extends Record<string, CliOption<EnvNames<C>>>,
  C extends ScriptContract | undefined,
> {
  /** After "Usage: ", e.g. "npm run health:check -- --url <url> [options]". */
  readonly usage: string;
  /** What it does, exits and outputs; printed between the usage line and the options. */
  readonly description: string;
  readonly contract?: C;
  readonly options: O;
  /** FILES… after the options (only lint:migrations takes any). */
  readonly positionals?: boolean;
  /** Printed after the options. */
  readonly epilog?: string;
  /**
   * Errors become one line `<errorPrefix>: message` without the help (lint:migrations' format);
   * without it they are annotated (`::error::` on GitHub) and bad input is followed by the help.
   */
  readonly errorPrefix?: string;
  /** The handler; scripts that do their work at top level use `parseOrExit()` instead. */
  readonly run?: (context: CliContext<O, C>) => number | Promise<number>;
}

export interface Cli<O extends Record<string, CliOption>> {
  readonly help: string;
  /** Parses, runs the handler, reports errors; resolves to the exit code (0 ok, 1 failure, 2 bad input). */
  readonly main: (argv?: readonly string[], env?: EnvVars) => Promise<number>;
  /** Parses only: prints the help and exits 0 on --help, reports bad input and exits 2. */
  readonly parseOrExit: (
    argv?: readonly string[],
    env?: EnvVars,
  ) => { values: CliValues<O>; positionals: readonly string[] };
}

const HELP_OPTION: BooleanOption<string> = {
  type: "boolean",
  short: "h",
  description: "show this help",
};

/** Descriptions start in one column; a flag wider than this gets its description on the next line. */
const MAX_FLAG_WIDTH = 30;

function flagText(name: string, option: CliOption): string {
  const short = option.short ? `-${option.short}, ` : "";
  const value = option.type === "string" ? ` ${option.value}` : "";
  return `  ${short}--${name}${value}`;
}

function describeOption(option: CliOption): string {
  const notes = [
    "multiple" in option ? "repeatable" : "",
    option.envVar ? `env ${option.envVar}` : "",
    option.type === "string" &&
    "default" in option &&
    option.default &&
    !option.description.includes("(default")
      ? `default ${option.default}`
      : "",
  ].filter(Boolean);
  return notes.length > 0
    ? `${option.description} (${notes.join(", ")})`
    : option.description;
}

export function renderHelp(
  spec: Pick<
    CliSpec<Record<string, CliOption>, undefined>,
    "usage" | "description" | "options" | "epilog"
  >,
): string {
  const rows = Object.entries({ ...spec.options, help: HELP_OPTION }).map(
    ([name, option]) => [flagText(name, option), describeOption(option)],
  ) as [string, string][];
  const width =
    Math.min(MAX_FLAG_WIDTH, Math.max(...rows.map(([flag]) => flag.length))) +
    2;
  const indent = " ".repeat(width);
  const lines = rows.map(([flag, description]) => {
    const body = description.split("\n").join(`\n${indent}`);
    return flag.length + 2 > width
      ? `${flag}\n${indent}${body}`
      : `${flag.padEnd(width)}${body}`;
  });
  return [
    `Usage: ${spec.usage}`,
    "",
    spec.description,
    "",
    "Options:",
    ...lines,
    ...(spec.epilog ? ["", spec.epilog] : []),
  ].join("\n");
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function defineCli<
  const O extends Record<string, CliOption<EnvNames<C>>>,
  C extends ScriptContract | undefined = undefined,
>(spec: CliSpec<O, C>): Cli<O> {
  // The repository the command runs in (package scripts start at its root) names the manager.
  const help = renderHelp({
    ...spec,
    usage: usageIn(spec.usage, repositoryManager(process.cwd())),
  });
  const contract: ScriptContract | undefined = spec.contract;
  if (contract) {
    const claimed = new Set<string>(
      Object.values(spec.options).flatMap((o) => (o.envVar ? [o.envVar] : [])),
    );
    const unclaimed = contract.env.filter((name) => !claimed.has(name));
    if (unclaimed.length > 0)
      throw new Error(
        `npm run ${contract.script}: contract env ${unclaimed.join(", ")} is read by no option — give an option envVar: "${unclaimed[0]}" (workflows-src/contracts.ts)`,
      );
  }

  function parse(argv: readonly string[], env: EnvVars) {
    const options = Object.fromEntries(
      Object.entries({ ...spec.options, help: HELP_OPTION }).map(
        ([name, option]) => [
          name,
          {
            type: option.type,
            ...(option.short ? { short: option.short } : {}),
            ...("multiple" in option ? { multiple: true } : {}),
          },
        ],
      ),
    );
    let parsed;
    try {
      parsed = parseArgs({
        // A leading `--` separates nothing: it is what `pnpm run x -- --flag` passes on (pnpm keeps
        // the separator npm swallows), so `--` habits from the docs work under either manager.
        args: argv[0] === "--" ? argv.slice(1) : [...argv],
        options,
        allowPositionals: spec.positionals ?? false,
        strict: true,
      });
    } catch (error) {
      // node:util reports unknown flags, missing values and stray arguments as TypeErrors.
      throw new UsageError(
        error instanceof Error ? error.message : String(error),
      );
    }
    const values: Record<string, string | string[] | boolean | undefined> = {};
    for (const [name, option] of Object.entries(spec.options)) {
      const given = parsed.values[name];
      if ("multiple" in option) {
        values[name] = ((given as string[] | undefined) ?? []).filter(
          (v) => v.trim() !== "",
        );
        continue;
      }
      const fromEnv = option.envVar
        ? blankToUndefined(env[option.envVar])
        : undefined;
      values[name] =
        option.type === "boolean"
          ? given === true || fromEnv === "true"
          : (blankToUndefined(given as string | undefined) ??
            fromEnv ??
            option.default);
    }
    return {
      help: parsed.values["help"] === true,
      values: values as CliValues<O>,
      positionals: parsed.positionals,
    };
  }

  function report(error: unknown, env: EnvVars): 1 | 2 {
    const message = error instanceof Error ? error.message : String(error);
    const usage = error instanceof UsageError;
    const seeHelp = usage && error.seeHelp;
    if (spec.errorPrefix !== undefined) {
      console.error(
        `${spec.errorPrefix}: ${message}${seeHelp ? " — see --help" : ""}`,
      );
    } else if (seeHelp) {
      reportError(`${message} — see --help`, env);
      console.error(help);
    } else {
      reportError(message, env);
    }
    return usage ? 2 : 1;
  }

  function parseOrExit(
    argv: readonly string[] = process.argv.slice(2),
    env: EnvVars = process.env,
  ) {
    let parsed;
    try {
      parsed = parse(argv, env);
    } catch (error) {
      process.exit(report(error, env));
    }
    if (parsed.help) {
      console.log(help);
      process.exit(0);
    }
    return { values: parsed.values, positionals: parsed.positionals };
  }

  async function main(
    argv: readonly string[] = process.argv.slice(2),
    env: EnvVars = process.env,
  ): Promise<number> {
    const run = spec.run;
    if (!run)
      throw new Error(
        `${spec.usage}: defineCli has no run handler — call parseOrExit() instead of main()`,
      );
    try {
      const { help: wantsHelp, values, positionals } = parse(argv, env);
      if (wantsHelp) {
        console.log(help);
        return 0;
      }
      return await run({
        values,
        positionals,
        setOutputs: (outputs) => {
          if (contract)
            writeOutputs(
              outputs as Readonly<Record<string, string | undefined>>,
              env,
            );
        },
      });
    } catch (error) {
      return report(error, env);
    }
  }

  return { help, main, parseOrExit };
}

/** For a CLI file: run it and exit with its code. */
export async function runMain(
  cli: Cli<Record<string, CliOption>>,
): Promise<never> {
  process.exit(await cli.main());
}
