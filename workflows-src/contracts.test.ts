import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { render } from "./builders/expr";
import { npmRun } from "./builders/steps";
import { contracts, releaseContract, routeContract } from "./contracts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CONTRACTS = path.join("workflows-src", "contracts.ts");

/** Non-test TypeScript under scripts/ and workflows-src/ (repository-relative). */
function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap(
    (entry) => {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory())
        return entry.name === "fixtures" ? [] : sources(rel);
      return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")
        ? [rel]
        : [];
    },
  );
}

const envNames: readonly string[] = [
  ...new Set(contracts.flatMap((c) => [...c.env])),
];

/** A type TypeScript closes: no string index, so an unknown key is an error. */
function closed(checker: ts.TypeChecker, type: ts.Type | undefined): boolean {
  if (type === undefined) return false;
  const members = type.isUnion() ? type.types : [type];
  return members.every(
    (member) =>
      (member.flags & ts.TypeFlags.Object) !== 0 &&
      checker.getIndexInfosOfType(member).length === 0,
  );
}

/** A type only some strings fit ("A" | "B", `GITHUB_${string}`), not `string`. */
function literalOnly(type: ts.Type | undefined): boolean {
  if (type === undefined) return false;
  const members = type.isUnion() ? type.types : [type];
  return members.every(
    (member) =>
      (member.flags &
        (ts.TypeFlags.StringLiteral | ts.TypeFlags.TemplateLiteral)) !==
      0,
  );
}

/** Would TypeScript reject a misspelling at this node? */
function typeChecked(checker: ts.TypeChecker, node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && parent.name === node) {
    const objectType = checker.getContextualType(
      parent.parent as ts.ObjectLiteralExpression,
    );
    return closed(checker, objectType?.getNonNullableType());
  }
  if (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isElementAccessExpression(parent) && parent.argumentExpression === node)
  )
    return closed(checker, checker.getTypeAtLocation(parent.expression));
  return (
    ts.isExpression(node) &&
    literalOnly(checker.getContextualType(node)?.getNonNullableType())
  );
}

/** Every spelling of a contract env name outside contracts.ts that TypeScript does not check. */
function untypedSpellings(): string[] {
  const files = [...sources("scripts"), ...sources("workflows-src")].filter(
    (file) =>
      file !== CONTRACTS &&
      envNames.some((name) =>
        readFileSync(path.join(ROOT, file), "utf8").includes(name),
      ),
  );
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, "tsconfig.json"),
    { noEmit: true },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error("tsconfig.json: could not be read");
  const program = ts.createProgram(
    files.map((file) => path.join(ROOT, file)),
    { ...config.options, incremental: false, plugins: [] },
  );
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(path.join(ROOT, file));
    if (!source) throw new Error(`${file}: not in the program`);
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) || ts.isStringLiteralLike(node)) {
        const where = `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (envNames.includes(node.text)) {
          if (!typeChecked(checker, node)) found.push(`${where} ${node.text}`);
        } else if (!ts.isIdentifier(node)) {
          for (const name of envNames)
            if (new RegExp(`\\b${name}\\b`).test(node.text))
              found.push(`${where} ${name} inside a string`);
        }
      } else if (ts.isTemplateLiteralToken(node)) {
        for (const name of envNames)
          if (new RegExp(`\\b${name}\\b`).test(node.text))
            found.push(`${file} ${name} inside a template`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function callsOutside(call: string, allowed: readonly string[]): string[] {
  return [...sources("scripts"), ...sources("workflows-src")]
    .filter((file) => !allowed.includes(file))
    .filter((file) =>
      new RegExp(`\\b${call}\\(`).test(
        readFileSync(path.join(ROOT, file), "utf8"),
      ),
    );
}

describe("script contracts are spelled once", () => {
  it("spells contract env names elsewhere only where TypeScript checks them against the contract", () => {
    expect(untypedSpellings()).toEqual([]);
    // Hang guard: ~14 s at load ~3, over 120 s at load ~11 (it builds a TypeScript program).
  }, 600_000);

  it("writes GITHUB_OUTPUT only through a contract and builds output references only in the builders", () => {
    // setOutput takes any name; defineCli's setOutputs takes the contract's.
    expect(
      callsOutside("setOutput", [
        path.join("scripts", "deploy", "github-io.ts"),
      ]),
    ).toEqual([]);
    const builders = ["expr.ts", "steps.ts", "workflow.ts"].map((f) =>
      path.join("workflows-src", "builders", f),
    );
    expect(callsOutside("stepOutput", builders)).toEqual([]);
    expect(callsOutside("jobOutput", builders)).toEqual([]);
  });

  it("names each npm script, env variable and output once per contract", () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    for (const contract of contracts) {
      expect(scripts[contract.script], contract.script).toBeDefined();
      expect(new Set(contract.env).size).toBe(contract.env.length);
      expect(new Set(contract.outputs).size).toBe(contract.outputs.length);
    }
    expect(new Set(contracts.map((c) => c.script)).size).toBe(contracts.length);
  });
});

describe("npmRun(contract)", () => {
  it("turns the contract's outputs into typed step references", () => {
    const route = npmRun(routeContract, {
      id: "route",
      env: { DEPLOY_INPUT_ENVIRONMENT: "staging" },
    });
    expect(render(route.outputs.environment)).toBe(
      "${{ steps.route.outputs.environment }}",
    );
  });
});

/**
 * Type-level: never called; `npm run typecheck` fails if an @ts-expect-error below stops being an
 * error — i.e. if the builder side stops noticing a name the contract does not declare.
 * The CLI side of the same checks is in scripts/cli/define-cli.test.ts.
 */
export function typeChecks(): void {
  const release = npmRun(releaseContract, {
    id: "release",
    env: { DEPLOY_ENV: "staging", DEPLOY_BOOKMARK: "" },
  });
  // @ts-expect-error — env lacks DEPLOY_BOOKMARK (what a rename in the contract looks like here)
  npmRun(releaseContract, { id: "release", env: { DEPLOY_ENV: "staging" } });
  // @ts-expect-error — DEPLOY_BOOKMARKS is not a variable of releaseContract
  npmRun(releaseContract, {
    id: "release",
    env: { DEPLOY_ENV: "staging", DEPLOY_BOOKMARK: "", DEPLOY_BOOKMARKS: "" },
  });
  // @ts-expect-error — a step with outputs needs an id
  npmRun(releaseContract, { env: { DEPLOY_ENV: "", DEPLOY_BOOKMARK: "" } });
  // @ts-expect-error — "version_id" is not an output of releaseContract
  void release.outputs.version_id;
  void release.outputs["version-id"];
}
