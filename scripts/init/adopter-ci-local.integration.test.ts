/**
 * `pnpm run ci:local` in the fixture app shaped like sebc-dev/website, after the packed bin's init:
 * the generated quality.yml's static, unit and migrations jobs, from the app's committed YAML, in
 * clones of its HEAD, with the real pnpm (this repository's devDependency, 9.15.4) on PATH as
 * corepack would put it. Static and unit run the app's own lint, format, typecheck and unit
 * commands; migrations runs the packed bin from the node_modules the job restored. Left out: build
 * and E2E (an OpenNext build and a browser), and drift (check:workflows through the same bin,
 * covered by init.integration.test.ts, ~6 CPU-seconds more).
 */
import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../ci-local/run-workflow";
import { writeAdopterApp } from "./fixtures/adopter-app";
import { linkDependency } from "./fixtures/link-dependency";
import {
  installPipelinePackage,
  removePackedPipeline,
} from "./fixtures/pipeline-package";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// The jobs run on a machine shared with other test files: each `pnpm run` starts in 1-4 s.
const TIMEOUT = 240_000;

const PRETTIER_ARGS = [
  "--config",
  "config/prettier.config.js",
  "--ignore-path",
  "config/.prettierignore",
];

/**
 * What makes the fixture an app whose own checks pass with what is linked here: an ESLint config
 * under config/ (ESLint 10 refuses to run without one), a typecheck of its unit tests and vitest
 * config — its Next.js pages and E2E specs need next-intl's, React's and Playwright's types, not
 * linked — with skipLibCheck as create-next-app writes it, and its files as its own Prettier
 * config formats them (the fixture is written in this repository's style).
 */
function makeCheckable(dir: string): void {
  writeFileSync(
    path.join(dir, "config/eslint.config.js"),
    "export default [{ files: ['**/*.js'], rules: { 'no-unused-vars': 'error' } }];\n",
  );
  const pkgFile = path.join(dir, "package.json");
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as {
    scripts: Record<string, string>;
  };
  pkg.scripts["lint"] = "eslint . --config config/eslint.config.js";
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    `${JSON.stringify(
      {
        compilerOptions: { strict: true, noEmit: true, skipLibCheck: true },
        include: ["tests/unit", "config/vitest.config.ts"],
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(path.join(dir, ".gitignore"), "node_modules/\n.open-next/\n");
  const prettier = spawnSync(
    process.execPath,
    [
      path.join(dir, "node_modules/prettier/bin/prettier.cjs"),
      "--write",
      ".",
      ...PRETTIER_ARGS,
    ],
    { cwd: dir, encoding: "utf8" },
  );
  if (prettier.status !== 0) throw new Error(prettier.stderr);
}

function git(dir: string, ...args: string[]): void {
  const run = spawnSync(
    "git",
    [
      "-c",
      "user.name=adopter",
      "-c",
      "user.email=adopter@example.com",
      ...args,
    ],
    { cwd: dir, encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr}`);
}

describe("pnpm run ci:local in the adopted app: static, unit and migrations jobs of its quality.yml", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "adopter-ci-local-"));
  const dir = path.join(tmp, "website");
  const report = path.join(tmp, "report.json");
  /** The app's `pnpm run ci:local …`, with pnpm and this Node first on PATH. */
  const ciLocal = (...args: string[]) =>
    spawnSync("pnpm", ["run", "ci:local", "quality", ...args], {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: [
          path.join(tmp, "bin"),
          path.dirname(process.execPath),
          process.env["PATH"] ?? "",
        ].join(path.delimiter),
        // The run's clones and logs (os.tmpdir()) and its cache store (~/.cache/ci-local) here.
        TMPDIR: tmp,
        HOME: path.join(tmp, "home"),
        npm_execpath: "",
        GITHUB_ACTIONS: "",
        GITHUB_STEP_SUMMARY: "",
      },
    });
  const logOf = (run: RunReport, job: string, step: string) => {
    const file = run.jobs
      .find((j) => j.id === job)
      ?.steps.find((s) => s.name === step)?.log;
    return file === undefined
      ? ""
      : stripVTControlCharacters(readFileSync(file, "utf8"));
  };

  beforeAll(() => {
    mkdirSync(dir);
    mkdirSync(path.join(tmp, "bin"));
    mkdirSync(path.join(tmp, "home"));
    // Where corepack would put the manager: a directory of its own, not a node_modules/.bin.
    symlinkSync(
      path.join(ROOT, "node_modules/pnpm/bin/pnpm.cjs"),
      path.join(tmp, "bin", "pnpm"),
    );
    writeAdopterApp(dir);
    installPipelinePackage(dir);
    linkDependency(dir, "prettier", {
      name: "prettier",
      path: "bin/prettier.cjs",
    });
    linkDependency(dir, "eslint", { name: "eslint", path: "bin/eslint.js" });
    linkDependency(dir, "typescript", { name: "tsc", path: "bin/tsc" });
    linkDependency(dir, "vitest", { name: "vitest", path: "vitest.mjs" });
    makeCheckable(dir);
    const init = spawnSync(
      path.join(dir, "node_modules/.bin/typed-cicd"),
      ["init"],
      {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "" },
      },
    );
    if (init.status !== 0) throw new Error(init.stderr);
    // pnpm's record of what it installed, as its install writes it: the linked dependencies stand
    // for an install of this lockfile, so --seed-node-modules may use them.
    mkdirSync(path.join(dir, "node_modules/.pnpm"));
    writeFileSync(
      path.join(dir, "node_modules/.pnpm/lock.yaml"),
      readFileSync(path.join(dir, "pnpm-lock.yaml")),
    );
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "adopt the pipeline");
  }, TIMEOUT);
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
    removePackedPipeline();
  });

  it(
    "init wrote the ci:local script; the jobs pass running the app's own commands and config/ files, node_modules seeded once",
    () => {
      const pkg = JSON.parse(
        readFileSync(path.join(dir, "package.json"), "utf8"),
      ) as { scripts: Record<string, string> };
      expect(pkg.scripts["ci:local"]).toBe("typed-cicd ci:local");

      const run = ciLocal(
        "--job",
        "static",
        "--job",
        "unit",
        "--job",
        "migrations",
        "--seed-node-modules",
        "--json",
        report,
      );
      expect(run.stdout).toContain("result: success");
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const result = JSON.parse(readFileSync(report, "utf8")) as RunReport;
      expect(result.jobs.map((j) => [j.id, j.result])).toEqual([
        ["static", "success"],
        ["migrations", "success"],
        ["unit", "success"],
      ]);
      for (const job of result.jobs) {
        const steps = Object.fromEntries(job.steps.map((s) => [s.name, s]));
        // corepack enable's stand-in: pnpm at package.json's packageManager version.
        expect(logOf(result, job.id, "Enable pnpm (corepack)")).toBe(
          "pnpm 9.15.4 on PATH, as package.json's packageManager names\n",
        );
        expect(
          steps["Restore node_modules (lockfile, package.json, Node version)"]
            ?.note,
        ).toMatch(/^cache hit node-modules-Linux-nodev22\.[\d.]+-[0-9a-f]{64}/);
        expect(
          steps["Install dependencies (pnpm install --frozen-lockfile)"]
            ?.result,
        ).toBe("skipped");
      }
      // One restore filled the miss from the app's node_modules; the others hit what it saved.
      const seeded = result.jobs.flatMap((j) =>
        j.steps.filter((s) => s.note?.includes("(seeded from the checkout")),
      );
      expect(seeded).toHaveLength(1);

      expect(logOf(result, "static", "pnpm run lint")).toContain(
        "> eslint . --config config/eslint.config.js\n",
      );
      const format = logOf(result, "static", "pnpm run format:check");
      expect(format).toContain(
        `> prettier --check . ${PRETTIER_ARGS.join(" ")}\n`,
      );
      expect(format).toContain("All matched files use Prettier code style!");
      expect(logOf(result, "static", "pnpm run ci:typecheck")).toContain(
        "> tsc --noEmit\n",
      );
      const unit = logOf(result, "unit", "pnpm run ci:unit");
      expect(unit).toContain("> vitest run --config config/vitest.config.ts\n");
      expect(unit).toMatch(/Tests +1 passed \(1\)/);
      expect(logOf(result, "migrations", "pnpm run lint:migrations")).toContain(
        "migration-lint: 1 file(s) checked, passed, 0 allowed.",
      );
    },
    TIMEOUT,
  );

  it(
    "a Prettier violation fails the static job at the format check, named; lint and typecheck still run",
    () => {
      mkdirSync(path.join(dir, "src/lib"));
      writeFileSync(
        path.join(dir, "src/lib/slug.ts"),
        'export const separator = "-";\n',
      );
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", "double quotes");

      const run = ciLocal("--job", "static", "--json", report);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain("result: failure (static)");
      expect(run.stdout).toMatch(
        /^ {6}→ step "pnpm run format:check" failed: exit code 1 \(log: .*\)$/m,
      );
      const result = JSON.parse(readFileSync(report, "utf8")) as RunReport;
      const steps = result.jobs[0]?.steps ?? [];
      expect(
        steps
          .filter((s) => s.name.startsWith("pnpm run"))
          .map((s) => [s.name, s.result]),
      ).toEqual([
        ["pnpm run lint", "success"],
        ["pnpm run format:check", "failure"],
        ["pnpm run ci:typecheck", "success"],
      ]);
      expect(logOf(result, "static", "pnpm run format:check")).toContain(
        "[warn] src/lib/slug.ts",
      );
    },
    TIMEOUT,
  );
});
