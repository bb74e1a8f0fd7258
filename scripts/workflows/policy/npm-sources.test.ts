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

describe("a tarball committed inside the repository (the pipeline before publication)", () => {
  // As `npm install -D ./vendor/typed-cicd-pipeline-0.1.0.tgz` (npm 11) writes them.
  const INTEGRITY =
    "sha512-uyNQe8oDYLrlNZhBgHUTsTyPqPslFD91CbbxfiXWbKzR3M09CF79vrBB/xIeHkOe5Cd1Vz07pFp4wp+8fNvtRQ==";
  function vendored(
    spec: string,
    resolved: string,
    options: {
      integrity?: boolean | string;
      committed?: readonly string[];
    } = {},
  ) {
    const files: Record<string, string> = {
      "package.json": JSON.stringify({
        name: "app",
        devDependencies: { "@typed-cicd/pipeline": spec },
      }),
      "package-lock.json": JSON.stringify({
        lockfileVersion: 3,
        packages: {
          "": {
            name: "app",
            devDependencies: { "@typed-cicd/pipeline": spec },
          },
          "node_modules/@typed-cicd/pipeline": {
            version: "0.1.0",
            resolved,
            ...(options.integrity === false
              ? {}
              : {
                  integrity:
                    typeof options.integrity === "string"
                      ? options.integrity
                      : INTEGRITY,
                }),
            dev: true,
          },
        },
      }),
    };
    for (const file of options.committed ?? [
      "vendor/typed-cicd-pipeline-0.1.0.tgz",
    ])
      files[file] = "(tarball bytes)";
    const ctx = {
      readFile: (f: string) => files[f],
    } as unknown as PolicyContext;
    return npmSourceFindings(ctx).map((f) => `${f.file} ${f.rule}`);
  }
  const TGZ = "vendor/typed-cicd-pipeline-0.1.0.tgz";

  it("accepts the spec and the lockfile entry npm writes, held by its integrity", () => {
    expect(vendored(`file:${TGZ}`, `file:${TGZ}`)).toEqual([]);
  });

  it("refuses one outside the repository, missing from it, or without integrity", () => {
    expect(
      vendored(
        "file:../typed-cicd-pipeline-0.1.0.tgz",
        "file:../typed-cicd-pipeline-0.1.0.tgz",
      ),
    ).toEqual([
      "package.json dependency-source",
      "package-lock.json lockfile-source",
    ]);
    expect(
      vendored(`file:/tmp/${TGZ}`, `file:/tmp/${TGZ}`, { committed: [] }),
    ).toEqual([
      "package.json dependency-source",
      "package-lock.json lockfile-source",
    ]);
    expect(vendored(`file:${TGZ}`, `file:${TGZ}`, { committed: [] })).toEqual([
      "package.json dependency-source",
    ]);
    expect(
      vendored(`file:${TGZ}`, `file:${TGZ}`, { integrity: false }),
    ).toEqual(["package-lock.json lockfile-source"]);
    expect(vendored("file:vendor/pipeline", "file:vendor/pipeline")).toEqual([
      "package.json dependency-source",
      "package-lock.json lockfile-source",
    ]);
    expect(
      vendored(`file:vendor/../../x.tgz`, `file:vendor/../../x.tgz`, {
        committed: ["vendor/../../x.tgz"],
      }),
    ).toEqual([
      "package.json dependency-source",
      "package-lock.json lockfile-source",
    ]);
  });

  it("refuses what the red team got through: an integrity npm does not check, a home-directory path", () => {
    for (const bad of ["", "x", "sha1-abc="])
      expect(
        vendored(`file:${TGZ}`, `file:${TGZ}`, { integrity: bad }),
        bad,
      ).toEqual(["package-lock.json lockfile-source"]);
    expect(
      vendored("file:~/vpkg.tgz", "file:~/vpkg.tgz", {
        committed: ["~/vpkg.tgz"],
      }),
    ).toEqual([
      "package.json dependency-source",
      "package-lock.json lockfile-source",
    ]);
  });
});

describe("files npm reads that the lockfile check must not miss", () => {
  const audit = (files: Record<string, string>) => {
    const all: Record<string, string> = {
      "package.json": JSON.stringify({ name: "app" }),
      "package-lock.json": JSON.stringify({
        lockfileVersion: 3,
        packages: { "": { name: "app" } },
      }),
      ...files,
    };
    const ctx = {
      readFile: (f: string) => all[f],
    } as unknown as PolicyContext;
    return npmSourceFindings(ctx).map((f) => `${f.file}:${f.line} ${f.rule}`);
  };

  it("refuses an npm-shrinkwrap.json, which npm ci installs instead of package-lock.json", () => {
    expect(
      audit({
        "npm-shrinkwrap.json": JSON.stringify({
          lockfileVersion: 3,
          packages: {
            "node_modules/vpkg": {
              resolved: "http://127.0.0.1:8123/vpkg-1.0.0.tgz",
            },
          },
        }),
      }),
    ).toEqual(["npm-shrinkwrap.json:1 lockfile-source"]);
  });

  it("reads .npmrc's lines as npm does, a lone carriage return included", () => {
    expect(audit({ ".npmrc": "fund=false\rscript-shell=./evil.sh\n" })).toEqual(
      [".npmrc:2 npmrc-option"],
    );
    expect(audit({ ".npmrc": "fund=false\r\naudit=false\r\n" })).toEqual([]);
  });
});
