import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { releaseContract } from "../../workflows-src/contracts";
import { defineCli, UsageError } from "./define-cli";

let stderr: string[];
let stdout: string[];
beforeEach(() => {
  stderr = [];
  stdout = [];
  vi.spyOn(console, "error").mockImplementation((line: string) => {
    stderr.push(line);
  });
  vi.spyOn(console, "log").mockImplementation((line: string) => {
    stdout.push(line);
  });
});
afterEach(() => vi.restoreAllMocks());

const echo = defineCli({
  usage: "npm run echo -- [options]",
  description: "Prints its options as JSON.",
  options: {
    name: {
      type: "string",
      value: "<name>",
      description: "who",
      envVar: "ECHO_NAME",
    },
    deadline: {
      type: "string",
      value: "<duration>",
      default: "25s",
      description: "how long",
    },
    loud: { type: "boolean", description: "shout", envVar: "ECHO_LOUD" },
    "a-flag-with-a-rather-long-name": {
      type: "string",
      value: "<value>",
      description: "first line\nsecond line",
    },
  },
  run: ({ values }) => {
    if (values.name === "bad") throw new UsageError("--name: bad is bad");
    if (values.name === "boom") throw new Error("it broke");
    console.log(JSON.stringify(values));
    return values.loud ? 3 : 0;
  },
});

describe("defineCli", () => {
  it("generates --help from the option table: env fallbacks, defaults, wrapped descriptions", async () => {
    expect(await echo.main(["--help"], {})).toBe(0);
    expect(stdout.join("\n")).toBe(`Usage: npm run echo -- [options]

Prints its options as JSON.

Options:
  --name <name>                 who (env ECHO_NAME)
  --deadline <duration>         how long (default 25s)
  --loud                        shout (env ECHO_LOUD)
  --a-flag-with-a-rather-long-name <value>
                                first line
                                second line
  -h, --help                    show this help`);
  });

  it("prefers the flag, then a non-blank env variable, then the default", async () => {
    await echo.main(["--name", "flag"], { ECHO_NAME: "env" });
    await echo.main([], { ECHO_NAME: "env" });
    await echo.main([], { ECHO_NAME: "  " });
    expect(stdout.map((line) => JSON.parse(line) as unknown)).toEqual([
      { name: "flag", deadline: "25s", loud: false },
      { name: "env", deadline: "25s", loud: false },
      { deadline: "25s", loud: false },
    ]);
  });

  it("reads flags after a leading -- (pnpm run x -- --flag passes the separator on)", async () => {
    await echo.main(["--", "--name", "pnpm"], {});
    expect(JSON.parse(stdout[0] ?? "{}")).toEqual({
      name: "pnpm",
      deadline: "25s",
      loud: false,
    });
    // Only a leading one: a second -- still ends the options (and this CLI takes no positionals).
    expect(await echo.main(["--name", "x", "--", "--loud"], {})).toBe(2);
  });

  it("collects a repeatable option into a list, [] when absent", () => {
    const cli = defineCli({
      usage: "x",
      description: "d",
      options: {
        job: {
          type: "string",
          multiple: true,
          value: "<id>",
          description: "a job",
        },
      },
    });
    expect(
      cli.parseOrExit(["--job", "a", "--job", "b"], {}).values.job,
    ).toEqual(["a", "b"]);
    expect(cli.parseOrExit([], {}).values.job).toEqual([]);
    expect(cli.help).toContain("--job <id>  a job (repeatable)");
  });

  it("turns a boolean on from env only with the exact value true", async () => {
    expect(await echo.main([], { ECHO_LOUD: "true" })).toBe(3);
    expect(await echo.main([], { ECHO_LOUD: "false" })).toBe(0);
    expect(await echo.main(["--loud"], {})).toBe(3);
  });

  it("exits 2 with the reason and the help on bad input, 1 on a failure", async () => {
    expect(await echo.main(["--nope"], {})).toBe(2);
    expect(stderr[0]).toBe("error: Unknown option '--nope' — see --help");
    expect(stderr[1]).toContain("Usage: npm run echo");
    expect(await echo.main(["stray"], {})).toBe(2);
    expect(await echo.main(["--name"], {})).toBe(2);
    expect(await echo.main(["--name", "bad"], { GITHUB_ACTIONS: "true" })).toBe(
      2,
    );
    expect(stderr).toContain("::error::--name: bad is bad — see --help");
    stderr.length = 0;
    expect(await echo.main(["--name", "boom"], {})).toBe(1);
    expect(stderr).toEqual(["error: it broke"]);
  });
});

describe("defineCli with a script contract", () => {
  it("refuses a contract env variable no option reads", () => {
    expect(() =>
      defineCli({
        usage: "x",
        description: "x",
        contract: releaseContract,
        options: {
          env: {
            type: "string",
            value: "<name>",
            description: "environment",
            envVar: "DEPLOY_ENV",
          },
        },
        run: () => 0,
      }),
    ).toThrow(
      "npm run deploy:release: contract env DEPLOY_BOOKMARK is read by no option",
    );
  });

  it("writes the contract's outputs to GITHUB_OUTPUT, skipping undefined ones", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "define-cli-"));
    const output = path.join(dir, "output");
    try {
      const cli = defineCli({
        usage: "x",
        description: "x",
        contract: releaseContract,
        options: {
          env: {
            type: "string",
            value: "<name>",
            description: "environment",
            envVar: "DEPLOY_ENV",
          },
          bookmark: {
            type: "string",
            value: "<b>",
            description: "bookmark",
            envVar: "DEPLOY_BOOKMARK",
          },
        },
        run: ({ values, setOutputs }) => {
          setOutputs({
            outcome: "promoted",
            "version-id": values.env,
            "previous-version-id": undefined,
            "preview-url": "",
          });
          return 0;
        },
      });
      expect(
        await cli.main([], { DEPLOY_ENV: "staging", GITHUB_OUTPUT: output }),
      ).toBe(0);
      expect(readFileSync(output, "utf8")).toBe(
        "outcome=promoted\nversion-id=staging\npreview-url=\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Type-level: never called; `tsc` fails if an @ts-expect-error below stops being an error. */
export function typeChecks(): void {
  defineCli({
    usage: "x",
    description: "x",
    contract: releaseContract,
    options: {
      env: {
        type: "string",
        value: "<n>",
        description: "d",
        // @ts-expect-error — not a variable of releaseContract (a typo, or a rename on one side)
        envVar: "DEPLOY_ENVIRONMENT",
      },
      // Runner-set variables are allowed: no workflow passes them.
      sha: {
        type: "string",
        value: "<s>",
        description: "d",
        envVar: "GITHUB_SHA",
      },
    },
    run: ({ setOutputs }) => {
      // @ts-expect-error — every declared output must be given (undefined to skip one)
      setOutputs({ outcome: "x" });
      setOutputs({
        outcome: "x",
        // @ts-expect-error — "version_id" is not an output of releaseContract
        version_id: "x",
        "version-id": "x",
        "previous-version-id": "x",
        "preview-url": "x",
      });
      return 0;
    },
  });
}
