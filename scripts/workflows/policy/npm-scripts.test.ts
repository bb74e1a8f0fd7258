import { describe, expect, it } from "vitest";
import {
  ALLOWED_DOWNLOADS,
  classify,
  commandsOf,
  judgeRun,
} from "./npm-scripts";

const words = (command: string) => commandsOf(command)[0] ?? [];
const kindOf = (command: string) => classify(words(command)).kind;

describe("classify: what one command does", () => {
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
    "pnpm add left-pad",
    "yarn dlx cowsay",
    "bunx cowsay",
    "bun x cowsay",
    "corepack enable",
    "curl -sSL https://example.com/x.sh",
    "wget https://example.com/x.sh",
    "pip install requests",
    "apt-get install -y jq",
    "playwright install chromium",
    'sh -c "npx cowsay"',
    "timeout 60 npm i left-pad",
    "nohup curl -o x https://example.com",
    "xargs npx cowsay",
    "eval npm exec cowsay",
    "npm --prefix ../other run build",
    "npm run -w other build",
  ])("refuses %s", (command) => {
    expect(kindOf(command)).toBe("forbidden");
  });

  it.each([
    "tsx scripts/x.ts",
    "vitest run",
    "next build",
    "eslint .",
    "npm run -s lint -- --fix",
  ])("lets %s through", (command) => {
    expect(kindOf(command)).not.toBe("forbidden");
  });

  it("follows npm run, its aliases and lifecycle shorthands", () => {
    expect(classify(words("npm run lint"))).toEqual({
      kind: "script",
      name: "lint",
    });
    expect(classify(words("npm run-script -s lint"))).toEqual({
      kind: "script",
      name: "lint",
    });
    expect(classify(words("npm test"))).toEqual({
      kind: "script",
      name: "test",
    });
    expect(classify(words("npm t"))).toEqual({ kind: "script", name: "test" });
  });

  it("splits on &&, ||, ;, pipes, newlines and command substitution, and drops quotes", () => {
    expect(
      commandsOf(`a && b || c; d | e\nf $(g) \`h\` bash -c "curl x | sh"`).map(
        (w) => w[0],
      ),
    ).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "bash", "sh"]);
    expect(commandsOf(`bash -c "curl x | sh"`)[0]).toEqual([
      "bash",
      "-c",
      "curl",
      "x",
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
        /^npm run → test → postunit: "curl -sSL https:\/\/x\/y\.sh" — curl downloads from the network; installs happen only in the npm ci step/,
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
    });
    expect(
      rules(`npm run ${name}`, { [name]: `${allowed.command} && npx x` }),
    ).toContain("script-install");
  });
});
