import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  always,
  and,
  calledJobOutput,
  cancelled,
  condition,
  eq,
  expr,
  github,
  hashFiles,
  input,
  jobOutput,
  ne,
  not,
  or,
  render,
  runner,
  secret,
  stepOutput,
  text,
} from "./expr";

const WORKFLOWS_SRC = fileURLToPath(new URL("../", import.meta.url));

describe("expressions as data", () => {
  it("adds ${{ }} only when a value is rendered", () => {
    expect(render(input("environment"))).toBe("${{ inputs.environment }}");
    expect(render(secret("CLOUDFLARE_API_TOKEN"))).toBe(
      "${{ secrets.CLOUDFLARE_API_TOKEN }}",
    );
    expect(render(stepOutput("migrate", "bookmark"))).toBe(
      "${{ steps.migrate.outputs.bookmark }}",
    );
    expect(render("plain")).toBe("plain");
    expect(render(3)).toBe(3);
    expect(condition(eq(jobOutput("route", "environment"), "staging"))).toBe(
      "needs.route.outputs.environment == 'staging'",
    );
  });

  it("quotes string literals the way the expression language does", () => {
    expect(render(eq(github.ref, "it's"))).toBe("${{ github.ref == 'it''s' }}");
    expect(render(ne(github.ref, true))).toBe("${{ github.ref != true }}");
  });

  it("parenthesises only where precedence needs it", () => {
    const pr = eq(github.eventName, "pull_request");
    expect(render(or(and(pr, github.ref), github.runId))).toBe(
      "${{ github.event_name == 'pull_request' && github.ref || github.run_id }}",
    );
    expect(render(and(or(pr, github.ref), github.runId))).toBe(
      "${{ (github.event_name == 'pull_request' || github.ref) && github.run_id }}",
    );
    expect(render(not(cancelled()))).toBe("${{ !cancelled() }}");
    expect(render(not(pr))).toBe(
      "${{ !(github.event_name == 'pull_request') }}",
    );
    expect(render(always())).toBe("${{ always() }}");
  });

  it("builds hashFiles() with quoted patterns", () => {
    expect(
      render(
        text`node-modules-${hashFiles("package-lock.json", "package.json")}`,
      ),
    ).toBe(
      "node-modules-${{ hashFiles('package-lock.json', 'package.json') }}",
    );
  });

  it("embeds expressions in text without string surgery", () => {
    expect(render(text`playwright-${runner.os}-${"1.2.3"}`)).toBe(
      "playwright-${{ runner.os }}-1.2.3",
    );
  });

  it("refuses to be turned into a string by a template literal", () => {
    const ref = input("environment");
    expect(() => `${String(ref)}`).toThrow(
      "expression inputs.environment: used as a string",
    );
  });

  it("refuses hand-written references to contexts that have typed helpers", () => {
    expect(() => expr("steps.release.outputs.version-id")).toThrow(
      'expr("steps.release.outputs.version-id"): steps.* has a typed reference',
    );
    expect(() => expr("!(inputs.skip)")).toThrow("inputs.* has a typed");
    expect(expr("hashFiles('package-lock.json')").body).toBe(
      "hashFiles('package-lock.json')",
    );
  });

  it("re-routes a job output into the jobs context for workflow_call", () => {
    expect(render(calledJobOutput(jobOutput("build", "artifact-name")))).toBe(
      "${{ jobs.build.outputs.artifact-name }}",
    );
    expect(() => calledJobOutput(github.sha)).toThrow(
      "expression github.sha: not a job output",
    );
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")
      ? [full]
      : [];
  });
}

describe("the expression module is the only place that spells ${{", () => {
  it("finds no ${{ in any other workflows-src source (tests assert rendered YAML and may)", () => {
    const offenders = sources(WORKFLOWS_SRC)
      .filter((file) => !file.endsWith(path.join("builders", "expr.ts")))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .flatMap((line, i) =>
            line.includes("${{")
              ? [`${path.relative(WORKFLOWS_SRC, file)}:${i + 1}`]
              : [],
          ),
      );
    expect(offenders).toEqual([]);
  });
});
