/**
 * Cases the per-rule fixtures do not cover: where lines come from, how the version comment is read,
 * the messages that say the fix, and the corners of each allow-list.
 */
import { describe, expect, it } from "vitest";
import { actionRef, actions } from "../../../workflows-src/actions";
import { auditFile } from "./audit";
import { contractEnv, environmentSecrets, type PolicyContext } from "./context";
// This repository's own environments (the guestbook's): what its workflows are judged against.
import * as guestbook from "../../../workflows-src/environments";

const CHECKOUT = `${actionRef("checkout")} # ${actions.checkout.version}`;

/** Job keys of a job bound to staging that never cancels (a deploy job needs concurrency). */
const STAGING =
  "    environment: staging\n    concurrency:\n      group: deploy-staging\n      cancel-in-progress: false";

function context(files: Record<string, string> = {}): PolicyContext {
  return {
    catalog: Object.values(actions),
    environments: environmentSecrets(guestbook),
    previewEnvironment: guestbook.preview.name,
    contracts: contractEnv(),
    scripts: {
      lint: "eslint .",
      "deploy:release": "tsx scripts/deploy/release-cli.ts",
    },
    // The file deploy:release executes exists (scripts run only repository files).
    readFile: (file) =>
      files[file] ??
      (file === "scripts/deploy/release-cli.ts" ? "" : undefined),
  };
}

/** A workflow with one job; `job` replaces its steps block, `head` adds job keys. */
function workflow(steps: string, head = "", on = "pull_request"): string {
  return [
    "name: t",
    `on: ${on}`,
    "permissions: {}",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-24.04",
    head,
    "    permissions:",
    "      contents: read",
    "    timeout-minutes: 5",
    "    steps:",
    steps,
    "",
  ]
    .filter((line) => line !== "")
    .join("\n");
}

function findings(text: string, files: Record<string, string> = {}) {
  const result = auditFile("w.yml", text, context(files));
  if (!result.ok) throw new Error(result.problem.message);
  return result.findings;
}
const rules = (text: string, files?: Record<string, string>) =>
  findings(text, files).map((f) => `${f.line} ${f.rule}`);

describe("auditFile", () => {
  it("reads the version comment from the parser, not from the line", () => {
    // The whole "comment" is inside the quoted value: a regex over the line would accept it.
    const quoted = `      - uses: "${actionRef("checkout")} # ${actions.checkout.version}"\n        with:\n          persist-credentials: false`;
    expect(rules(workflow(quoted))).toEqual(["11 uses-catalog"]);
    const ok = `      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false`;
    expect(rules(workflow(ok))).toEqual([]);
  });

  it("points at the line of the node even after comments and blank lines", () => {
    const steps = [
      "      # a comment",
      "",
      `      - uses: ${CHECKOUT}`,
      "        with:",
      "          persist-credentials: false",
      "      - run: |",
      "          npm ci",
      "          npx cowsay",
    ].join("\n");
    expect(rules(workflow(steps))).toEqual(["16 run-allowed"]);
  });

  it("says where the fix goes: the catalog for an unknown action, regenerate for a stale pin", () => {
    const unknown = findings(
      workflow(
        "      - uses: evil/action@0123456789012345678901234567890123456789 # v1",
      ),
    );
    expect(unknown[0]?.message).toContain("add it to workflows-src/actions.ts");
    const moved = findings(
      workflow(
        "      - uses: actions/checkout@v7 # v7.0.1\n        with:\n          persist-credentials: false",
      ),
    );
    expect(moved[0]?.message).toContain("regenerate");
  });

  it("refuses a reusable workflow called as a step, and a local one only from a job", () => {
    expect(
      rules(workflow("      - uses: ./.github/workflows/quality.yml")),
    ).toEqual(["11 uses-catalog"]);
  });

  it("audits a local composite action and stops on cycles", () => {
    const files = {
      ".github/actions/a/action.yml":
        "name: a\ndescription: a\nruns:\n  using: composite\n  steps:\n    - uses: ./.github/actions/b\n",
      ".github/actions/b/action.yml":
        "name: b\ndescription: b\nruns:\n  using: composite\n  steps:\n    - uses: ./.github/actions/a\n    - run: echo ${{ inputs.x }}\n      shell: bash\n",
    };
    const found = findings(
      workflow("      - uses: ./.github/actions/a"),
      files,
    );
    expect(found.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      "w.yml:11 local-action",
      ".github/actions/a/action.yml:6 local-action",
      ".github/actions/b/action.yml:7 run-allowed",
    ]);
  });

  it("refuses a JavaScript or Docker action under .github/actions/", () => {
    const files = {
      ".github/actions/js/action.yml":
        "name: js\ndescription: js\nruns:\n  using: node24\n  main: index.js\n",
    };
    const found = findings(
      workflow("      - uses: ./.github/actions/js"),
      files,
    );
    expect(found.map((f) => `${f.file} ${f.rule}`)).toEqual([
      "w.yml local-action",
      ".github/actions/js/action.yml local-action",
    ]);
  });

  it("treats inputs as untrusted under workflow_call, not under workflow_dispatch", () => {
    const step = (on: string) =>
      workflow(
        `      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n          args: \${{ inputs.flags }}`,
        "",
        on,
      );
    expect(rules(step("workflow_dispatch"))).toEqual([]);
    expect(rules(step("workflow_call"))).toEqual(["14 untrusted-context"]);
  });

  it("finds untrusted contexts in with.script, with.args and defaults", () => {
    const text = workflow(
      `      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n          script: \${{ github.event.issue.body }}`,
      "    defaults:\n      run:\n        working-directory: ${{ github.head_ref }}",
    );
    expect(rules(text)).toEqual([
      "9 run-allowed",
      "9 untrusted-context",
      "17 untrusted-context",
    ]);
    expect(
      rules(
        workflow(
          `      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n          args: \${{ github.event_name }}`,
        ),
      ),
    ).toEqual([]);
  });

  it("refuses a custom shell, another working-directory and env that hijacks npm/node", () => {
    const lint = "      - run: npm run lint";
    expect(
      rules(workflow(`${lint}\n        shell: bash -c "curl x | sh" {0}`)),
    ).toEqual(["12 run-allowed"]);
    expect(rules(workflow(`${lint}\n        working-directory: fork`))).toEqual(
      ["12 run-allowed"],
    );
    expect(rules(workflow(`${lint}\n        working-directory: .`))).toEqual(
      [],
    );
    expect(
      rules(
        workflow(
          `${lint}\n        env:\n          npm_config_script_shell: ./x.sh`,
        ),
      ),
    ).toEqual(["13 run-env"]);
    expect(rules(workflow(lint, "    env:\n      BASH_ENV: ./x.sh"))).toEqual([
      "8 run-env",
    ]);
  });

  it("judges secrets in if: conditions (no braces) and by the job's environment", () => {
    const env =
      "    environment:\n      name: staging\n      url: https://x.example\n    concurrency: deploy-staging";
    const read =
      "      - run: npm run deploy:release\n        env:\n          CLOUDFLARE_API_TOKEN: ${{ secrets.CLOUDFLARE_API_TOKEN }}";
    expect(rules(workflow(read, env))).toEqual([]);
    expect(rules(workflow(read))).toEqual(["5 secrets-environment"]);
    expect(
      rules(
        workflow(
          "      - run: npm run lint\n        if: secrets['X'] != ''",
          env,
        ),
      ),
    ).toContain("5 secrets-name");
    expect(
      rules(
        workflow(
          read,
          "    environment: ${{ inputs.env }}\n    concurrency: d",
        ),
      ),
    ).toContain("5 secrets-environment");
  });

  it("holds environment jobs to workflow-level concurrency too", () => {
    const text = [
      "name: t",
      "on: push",
      "permissions: {}",
      "concurrency:",
      "  group: x",
      "  cancel-in-progress: true",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-24.04",
      "    environment: staging",
      "    permissions: {}",
      "    timeout-minutes: 5",
      "    if: ${{ always() }}",
      "    steps:",
      "      - run: npm run lint",
      "        continue-on-error: true",
      "",
    ].join("\n");
    expect(rules(text)).toEqual([
      "4 env-cancel-in-progress",
      "8 env-cancel-in-progress",
      "13 env-if-always",
      "16 env-continue-on-error",
    ]);
  });

  it("sees a cache restored inside a local action used by an environment job", () => {
    const files = {
      ".github/actions/warm/action.yml": `name: warm\ndescription: w\nruns:\n  using: composite\n  steps:\n    - uses: ${actionRef("cache")} # ${actions.cache.version}\n      with:\n        path: x\n        key: k\n`,
    };
    const uses = "      - uses: ./.github/actions/warm";
    expect(rules(workflow(uses), files)).toEqual([]);
    expect(rules(workflow(uses, STAGING), files)).toEqual([
      "15 env-cache",
      "15 env-action-input",
    ]);
  });

  it("keeps downloading scripts out of environment jobs", () => {
    const ctx = {
      ...context(),
      scripts: {
        "e2e:install-browser": "playwright install --with-deps chromium",
      },
    };
    const text = workflow("      - run: npm run e2e:install-browser", STAGING);
    const result = auditFile("w.yml", text, ctx);
    expect(result.ok && result.findings.map((f) => f.rule)).toEqual([
      "script-install",
    ]);
    const plain = auditFile(
      "w.yml",
      workflow("      - run: npm run e2e:install-browser"),
      ctx,
    );
    expect(plain.ok && plain.findings).toEqual([]);
  });

  it("returns bad input, with its line, for invalid YAML and for a non-mapping", () => {
    expect(
      auditFile("w.yml", "name: t\non: [push\njobs: {}\n", context()),
    ).toMatchObject({
      ok: false,
      problem: { rule: "yaml", line: 3 },
    });
    expect(auditFile("w.yml", "name: t\nname: u\n", context())).toMatchObject({
      ok: false,
      problem: { rule: "yaml", line: 2 },
    });
    expect(auditFile("w.yml", "- a\n", context())).toMatchObject({ ok: false });
  });
});
