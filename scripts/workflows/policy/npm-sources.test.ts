import { describe, expect, it } from "vitest";
import type { PolicyContext } from "./context";
import { isWorkspaceLink, npmSourceFindings } from "./npm-sources";

/** A root lockfile with one registry package and the link npm writes for a workspace. */
// The workspaces are read from the lockfile's root entry (npm ci installs what it says).
function audit(workspaces: unknown, resolved: string) {
  const manifest = JSON.stringify({ name: "app" });
  const lock = JSON.stringify(
    {
      lockfileVersion: 3,
      packages: {
        "": { name: "app", workspaces },
        "node_modules/zod": {
          version: "4.6.7",
          resolved: "https://registry.npmjs.org/zod/-/zod-4.6.7.tgz",
        },
        "node_modules/@typed-cicd/pipeline": { resolved, link: true },
        [resolved]: { name: "@typed-cicd/pipeline", version: "0.1.0" },
      },
    },
    null,
    2,
  );
  const files: Record<string, string> = {
    "package.json": manifest,
    "package-lock.json": lock,
  };
  const ctx = { readFile: (f: string) => files[f] } as unknown as PolicyContext;
  return npmSourceFindings(ctx).map((f) => `${f.file} ${f.rule}`);
}

describe("npm lockfile links", () => {
  it("accepts a link to one of the manifest's workspaces", () => {
    expect(audit(["packages/*"], "packages/pipeline")).toEqual([]);
    expect(audit(["packages/pipeline"], "packages/pipeline")).toEqual([]);
  });

  it("refuses a link outside the workspaces, or without any", () => {
    expect(audit(["packages/*"], "vendor/pipeline")).toEqual([
      "package-lock.json lockfile-source",
    ]);
    expect(audit(undefined, "packages/pipeline")).toEqual([
      "package-lock.json lockfile-source",
    ]);
  });

  it.each([
    ["../outside", ["*"]],
    ["packages/../../x", ["packages/*"]],
    ["packages/a/b", ["packages/*"]],
    ["/abs/packages/pipeline", ["/abs/packages/*"]],
  ])("does not call %s a workspace of %j", (resolved, workspaces) => {
    expect(isWorkspaceLink(resolved, workspaces)).toBe(false);
  });
});
