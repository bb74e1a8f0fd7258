import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PIPELINE_SCRIPTS } from "../../scripts/init/infer-config";
import { COMMANDS, helpText, resolveCommand } from "./commands";
import { checkManifest } from "./build";

describe("typed-cicd <command>", () => {
  it("has a command for every script init writes into an adopter's package.json", () => {
    for (const name of PIPELINE_SCRIPTS)
      expect(COMMANDS).toHaveProperty([name]);
  });

  it("runs a packaged command with the arguments after its name", () => {
    const resolved = resolveCommand(["check:workflows", "--root", "x"]);
    expect(resolved).toMatchObject({
      kind: "run",
      name: "check:workflows",
      argv: ["--root", "x"],
    });
  });

  it("runs the deploy CLIs and setup with tsx registered (they import the repository's environments.ts)", () => {
    for (const name of [
      "deploy:route",
      "deploy:migrate",
      "deploy:release",
      "deploy:rollback",
      "setup",
    ] as const)
      expect(resolveCommand([name, "--env", "staging"])).toEqual({
        kind: "run",
        name,
        command: {
          summary: COMMANDS[name].summary,
          loadsTypeScript: true,
        },
        argv: ["--env", "staging"],
      });
  });

  it("runs init with tsx registered (a second run imports the config and environments it wrote)", () => {
    expect(resolveCommand(["init", "--dry-run"])).toEqual({
      kind: "run",
      name: "init",
      command: {
        summary: COMMANDS.init.summary,
        loadsTypeScript: true,
      },
      argv: ["--dry-run"],
    });
  });

  it("lists every command on --help and without a command", () => {
    expect(resolveCommand(["--help"])).toEqual({
      kind: "help",
      text: helpText(),
    });
    expect(resolveCommand([])).toEqual({ kind: "help", text: helpText() });
    for (const name of Object.keys(COMMANDS))
      expect(helpText()).toContain(`  ${name} `);
  });

  it("names an unknown command and the list, exit 2", () => {
    const resolved = resolveCommand(["deploy"]);
    expect(resolved).toMatchObject({ kind: "fail", code: 2 });
    if (resolved.kind !== "fail") return;
    expect(resolved.message).toMatch(
      /^typed-cicd: unknown command "deploy" — use one of gen:workflows, check:workflows, /,
    );
    expect(resolved.message.split("\n")).toHaveLength(1);
  });

  it("refuses a command not packaged yet in one line saying why, exit 1", () => {
    const resolved = resolveCommand(["rehearse"]);
    expect(resolved).toMatchObject({ kind: "fail", code: 1 });
    if (resolved.kind !== "fail") return;
    expect(resolved.message).toMatch(
      /^typed-cicd rehearse: not available from the package yet: the rehearsal needs /,
    );
    expect(resolved.message.split("\n")).toHaveLength(1);
  });

  it("runs ci:local from the package, without tsx (it reads the committed YAML, not workflows-src/)", () => {
    expect(resolveCommand(["ci:local", "quality", "--job", "static"])).toEqual({
      kind: "run",
      name: "ci:local",
      command: { summary: COMMANDS["ci:local"].summary },
      argv: ["quality", "--job", "static"],
    });
  });

  it("does not take an inherited name as a command", () => {
    expect(resolveCommand(["toString"])).toMatchObject({ kind: "fail" });
  });
});

describe("the package manifest", () => {
  it("carries the name init writes into adopters' imports", () => {
    const manifest = JSON.parse(
      readFileSync(new URL("./package.json", import.meta.url), "utf8"),
    ) as { name: string };
    expect(() => checkManifest(manifest)).not.toThrow();
    expect(() => checkManifest({ name: "@typed-cicd/other" })).toThrow(
      'packages/pipeline/package.json: name "@typed-cicd/other" — use "@typed-cicd/pipeline"',
    );
  });
});
