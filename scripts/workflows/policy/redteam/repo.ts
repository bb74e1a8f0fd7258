/**
 * The small repository every red-team case is judged in: a deploy workflow shaped like the
 * generated one, the package.json scripts its steps reach, the deploy toolset's lockfile next to the
 * root one, and the files the scripts execute. A case changes this text (swap) or overlays files.
 */
import { actionRef, actions } from "../../../../workflows-src/actions";

export const CHECKOUT = `${actionRef("checkout")} # ${actions.checkout.version}`;
export const SETUP_NODE = `${actionRef("setupNode")} # ${actions.setupNode.version}`;
export const UPLOAD = `${actionRef("uploadArtifact")} # ${actions.uploadArtifact.version}`;
export const DOWNLOAD = `${actionRef("downloadArtifact")} # ${actions.downloadArtifact.version}`;

/** A deploy workflow that audits clean: quality (no secrets) → deploy (environment production). */
export const DEPLOY = `name: Deploy
on:
  push:
    branches:
      - main
permissions: {}
jobs:
  quality:
    runs-on: ubuntu-24.04
    permissions:
      contents: read
    timeout-minutes: 10
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
      - run: npm ci
      - run: npm run lint
  deploy:
    needs:
      - quality
    if: github.ref == 'refs/heads/main'
    runs-on: ubuntu-24.04
    environment:
      name: production
      url: https://example.workers.dev
    permissions:
      contents: read
    timeout-minutes: 20
    concurrency:
      group: deploy-production
      cancel-in-progress: false
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
      - uses: ${SETUP_NODE}
        with:
          node-version-file: .nvmrc
          package-manager-cache: false
      - run: npm run deploy:toolset
      - uses: ${DOWNLOAD}
        with:
          name: worker
          path: .open-next
      - id: release
        env:
          DEPLOY_ENV: production
          CLOUDFLARE_API_TOKEN: \${{ secrets.CLOUDFLARE_API_TOKEN }}
        run: npm run deploy:release
      - if: \${{ always() }}
        uses: ${UPLOAD}
        with:
          name: deploy-logs
          path: reports/deploy
`;

/** A workflow without an environment (pull requests): one job, no secrets. */
export const QUALITY = `name: Quality
on: pull_request
permissions: {}
jobs:
  checks:
    runs-on: ubuntu-24.04
    permissions:
      contents: read
    timeout-minutes: 10
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
      - run: npm ci
      - run: npm run lint
      - run: npm run typecheck
`;

export const SCRIPTS: Readonly<Record<string, string>> = {
  lint: "eslint .",
  typecheck: "tsc --noEmit",
  test: "vitest run",
  "deploy:toolset": "bash scripts/deploy-toolset/install.sh",
  "deploy:release": "tsx scripts/deploy/release-cli.ts",
  "deploy:migrate": "tsx scripts/deploy/migrate-cli.ts",
};

export const DEPENDENCIES: Readonly<Record<string, string>> = {
  tsx: "4.23.15",
  wrangler: "4.164.0",
};

const INTEGRITY = {
  tsx: "sha512-VzX6ZHgeW2X3VJEwbkkdhzcG+AuV3TFakaNsa0Jm7awyUH9C4dmrB1WWphXwIStbo+vH4hd1vwvG0+m7r8sRJw==",
  wrangler:
    "sha512-bQ3wY0qQ2nVZ9iYQ0p9nq2b8uA4b8eZQXb3vW1mWbqO8Qm2m8Yb+G8c7T0l0vJ2U3yq2Yb+3wqQ0k5kzK1sQ1w==",
};

/** A lockfile in npm's v3 shape for the given name (registry `resolved` URLs, integrity hashes). */
export function lockfile(
  name: string,
  overrides: Record<string, Record<string, string>> = {},
): string {
  const packages: Record<string, unknown> = {
    "": { name, dependencies: DEPENDENCIES },
  };
  for (const [dep, version] of Object.entries(DEPENDENCIES)) {
    packages[`node_modules/${dep}`] = {
      version,
      resolved: `https://registry.npmjs.org/${dep}/-/${dep}-${version}.tgz`,
      integrity: INTEGRITY[dep as keyof typeof INTEGRITY],
      ...overrides[dep],
    };
  }
  return `${JSON.stringify({ name, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

export const INSTALL_SH = `#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/../.."
npm ci --prefix tools/deploy --ignore-scripts --no-audit --no-fund
ln -sfn tools/deploy/node_modules node_modules
`;

export function packageJson(
  scripts: Readonly<Record<string, string>>,
  dependencies: Readonly<Record<string, string>> = DEPENDENCIES,
): string {
  return `${JSON.stringify({ name: "redteam", private: true, scripts, dependencies }, null, 2)}\n`;
}

/** The repository's files (package.json, lockfiles, executed files) for a case. */
export function repoFiles(): Record<string, string> {
  return {
    "package.json": packageJson(SCRIPTS),
    "package-lock.json": lockfile("redteam"),
    "tools/deploy/package.json": packageJson({}),
    "tools/deploy/package-lock.json": lockfile("redteam-deploy-toolset"),
    "scripts/deploy-toolset/install.sh": INSTALL_SH,
    "scripts/deploy/release-cli.ts": 'console.log("release");\n',
    "scripts/deploy/migrate-cli.ts": 'console.log("migrate");\n',
    ".nvmrc": "22.23.5\n",
  };
}

/** Replaces `from` (which must occur) with `to`: a case says exactly what it changes. */
export function swap(text: string, from: string, to: string): string {
  if (!text.includes(from))
    throw new Error(`swap: ${JSON.stringify(from)} not found`);
  return text.replace(from, to);
}
