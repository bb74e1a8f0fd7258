import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerSource } from "../cloudflare-double/fixtures/durable-objects-project";
import { fixtureEnv } from "../cloudflare-double/fixtures/fixture-project";
import {
  startCloudflareDouble,
  type CloudflareDouble,
} from "../cloudflare-double/start";
import { checkWorkflows } from "../workflows/check";
import {
  healthCheckOf,
  parseEnvironments,
  serviceTarget,
} from "../../workflows-src/builders/environment-model";
import {
  ENVIRONMENTS_FILE,
  inferEnvironments,
  renderEnvironments,
} from "./config-files";
import { loadAdopter, loadEnvironments } from "./adopter-definitions";
import { WORKER_NAME, writeAdopterApp } from "./fixtures/adopter-app";
import {
  addDurableObjectMigration,
  databaseIdOf,
} from "./fixtures/adopter-cloudflare";
import { linkDependency } from "./fixtures/link-dependency";
import { ACCOUNT_FILE, accountFileText } from "../setup/cloudflare/subdomain";
import {
  installPipelinePackage,
  removePackedPipeline,
} from "./fixtures/pipeline-package";
import { parseJsonc, type WranglerConfig } from "./read-repository";
import { applyInit, planInit } from "./init";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dirs: string[] = [];
/** The app with its dependencies installed: the pipeline, and Prettier unless `prettier` is false. */
function adopterApp({ prettier = true } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "init-adopter-"));
  dirs.push(dir);
  writeAdopterApp(dir);
  installPipelinePackage(dir);
  if (prettier) linkDependency(dir, "prettier");
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  removePackedPipeline();
});

interface Adopted {
  readonly dir: string;
  /** What applyInit reported (the tests expect nothing). */
  readonly applyProblems: readonly string[];
}
let checkoutAdoption: Promise<Adopted> | undefined;
/**
 * The app after the checkout's init (from source): made once per file. The first describe
 * asserts on it and changes nothing after; the packed bin's init is compared with it byte for
 * byte, so a second copy adopted the same way would only repeat the same plan and the same writes.
 */
function adoptedByCheckout(): Promise<Adopted> {
  const adoption =
    checkoutAdoption ??
    (async () => {
      const dir = adopterApp();
      const plan = await planInit(dir);
      if (!plan.ok) throw new Error(plan.errors.join("\n"));
      return { dir, applyProblems: await applyInit(dir, plan) };
    })();
  checkoutAdoption = adoption;
  return adoption;
}

/** Every file under `dir` (node_modules aside) with its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), {
      withFileTypes: true,
    })) {
      const file = path.join(rel, entry.name);
      if (entry.name === "node_modules") continue;
      if (entry.isDirectory()) walk(file);
      else out[file] = readFileSync(path.join(dir, file), "utf8");
    }
  };
  walk("");
  return out;
}

describe("init on an application shaped like sebc-dev/website (pnpm, config/, R2, 3 DOs, self service, husky, own setup action)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = (await adoptedByCheckout()).dir;
  }, 120_000);

  it("writes the config and environments, generates pnpm workflows, and gen + check are green", async () => {
    expect((await adoptedByCheckout()).applyProblems).toEqual([]);

    const { config, workflows } = await loadAdopter(dir);
    expect(config.packageManager).toBe("pnpm");
    const problems = await checkWorkflows(
      dir,
      workflows,
      undefined,
      config.keepWorkflows,
    );
    expect(problems.map((p) => `${p.file} ${p.rule} ${p.message}`)).toEqual([]);

    const quality = readFileSync(
      path.join(dir, ".github/workflows/quality.yml"),
      "utf8",
    );
    expect(quality).toContain("run: pnpm install --frozen-lockfile");
    expect(quality).toContain("run: corepack enable");
    expect(quality).toContain("hashFiles('pnpm-lock.yaml', 'package.json')");
    expect(quality).toContain("run: pnpm run ci:unit");
    expect(quality).toContain("run: pnpm run ci:typecheck");
    expect(quality).not.toMatch(/run: npm /);
    const deploy = readFileSync(
      path.join(dir, ".github/workflows/deploy.yml"),
      "utf8",
    );
    expect(deploy).toContain("run: pnpm run deploy:migrate");
    // The app's own workflow stays as it was; its own setup action (uses an action outside the
    // catalog) is not judged, as the workflow is not.
    expect(
      readFileSync(path.join(dir, ".github/workflows/lighthouse.yml"), "utf8"),
    ).toContain("pnpm dlx @lhci/cli autorun");
  }, 120_000);

  it("repeats every binding per environment, the self-reference pointing at that environment's Worker", () => {
    const wrangler = parseJsonc<WranglerConfig>(
      "wrangler.jsonc",
      readFileSync(path.join(dir, "wrangler.jsonc"), "utf8"),
    );
    for (const env of ["staging", "production"]) {
      const block = wrangler.env?.[env] as Record<string, unknown> &
        WranglerConfig;
      expect(block["name"]).toBe(`${WORKER_NAME}-${env}`);
      expect(block.services).toEqual([
        { binding: "WORKER_SELF_REFERENCE", service: `${WORKER_NAME}-${env}` },
      ]);
      expect(block.r2_buckets?.[0]?.["bucket_name"]).toBe(
        `website-cache-${env}`,
      );
      expect(
        block.durable_objects?.bindings?.map((b) => b["class_name"]),
      ).toEqual(["DOQueueHandler", "DOShardedTagCache", "BucketCachePurge"]);
      expect(block.d1_databases?.[0]?.["database_name"]).toBe(
        `website-db-${env}`,
      );
    }
  });

  it("writes environments.ts with each environment's Worker, bindings and a smoke health check, agreeing with wrangler.jsonc", async () => {
    const environments = await loadEnvironments(dir);
    const wrangler = parseJsonc<WranglerConfig>(
      "wrangler.jsonc",
      readFileSync(path.join(dir, "wrangler.jsonc"), "utf8"),
    );
    for (const name of ["staging", "production"] as const) {
      const env = environments[name];
      const block = wrangler.env?.[name] as Record<string, unknown> &
        WranglerConfig;
      expect(env.workerName).toBe(block["name"]);
      expect(env.d1DatabaseName).toBe(
        block.d1_databases?.[0]?.["database_name"],
      );
      expect(env.bindings).toEqual({
        r2: [
          {
            binding: "NEXT_INC_CACHE_R2_BUCKET",
            bucketName: `website-cache-${name}`,
          },
        ],
        durableObjects: [
          { binding: "NEXT_CACHE_DO_QUEUE", className: "DOQueueHandler" },
          {
            binding: "NEXT_TAG_CACHE_DO_SHARDED",
            className: "DOShardedTagCache",
          },
          { binding: "NEXT_CACHE_DO_PURGE", className: "BucketCachePurge" },
        ],
        services: [{ binding: "WORKER_SELF_REFERENCE", service: "self" }],
      });
      // The self-reference reaches the Worker the env block deploys, in both files.
      expect(serviceTarget(env, "self")).toBe(block.services?.[0]?.["service"]);
      expect(healthCheckOf(env)).toEqual({
        kind: "smoke",
        checks: [{ path: "/", status: 200 }],
      });
    }
  });

  it("writes the config files the way the app's Prettier config (named by its format script) formats them", () => {
    const text = readFileSync(
      path.join(dir, "workflows-src/environments.ts"),
      "utf8",
    );
    expect(text).toContain(
      "import { parseEnvironments } from '@typed-cicd/pipeline';",
    );
    expect(text).not.toContain('"staging"');
  });

  it("writes .nvmrc when the app has none (the generated jobs set Node up from it)", () => {
    expect(readFileSync(path.join(dir, ".nvmrc"), "utf8")).toBe("22\n");
  });

  it("keeps the formatter off the generated files and adds one line to husky's hook (no second hook manager)", () => {
    // The ignore file the app's format script names; Prettier reads its lines relative to it.
    const ignore = readFileSync(
      path.join(dir, "config/.prettierignore"),
      "utf8",
    );
    expect(ignore).toMatch(/^node_modules\/\n/);
    expect(ignore).toContain("\n../.github/workflows/quality.yml\n");
    expect(ignore).toContain("\n../.github/workflow-pins.json\n");
    expect(ignore).not.toContain("lighthouse.yml");
    expect(existsSync(path.join(dir, ".prettierignore"))).toBe(false);
    expect(readFileSync(path.join(dir, ".husky/pre-commit"), "utf8")).toBe(
      "pnpm exec lint-staged\npnpm run hooks:pre-commit\n",
    );
    const pkg = JSON.parse(
      readFileSync(path.join(dir, "package.json"), "utf8"),
    ) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts["prepare"]).toBe("husky");
    expect(pkg.scripts["ci:unit"]).toBe(
      "vitest run --config config/vitest.config.ts",
    );
  });

  it("is idempotent: a second init plans no change", async () => {
    const before = snapshot(dir);
    const plan = await planInit(dir);
    if (!plan.ok) throw new Error(plan.errors.join("\n"));
    expect([...plan.changes, ...plan.generated].map((c) => c.file)).toEqual([]);
    expect(await applyInit(dir, plan)).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  }, 60_000);
});

/** `typed-cicd <command>` as the app's package.json scripts run it: the installed bin, cwd = the app. */
function bin(dir: string, ...args: string[]) {
  return spawnSync(path.join(dir, "node_modules/.bin/typed-cicd"), args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "" },
  });
}

describe("the packed package's typed-cicd bin in the app", () => {
  const dir = adopterApp();

  it("init --dry-run prints the plan and writes nothing; init writes what the checkout's init writes, byte for byte; a second init has nothing to change", async () => {
    const before = snapshot(dir);
    const dry = bin(dir, "init", "--dry-run");
    expect(dry.stderr).toBe("");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("+++ b/workflows-src/pipeline.config.ts");
    expect(dry.stdout).toMatch(/^\+\s+workerName: 'website-staging',$/m);
    expect(dry.stdout).toContain("+++ b/.github/workflows/quality.yml");
    expect(dry.stdout).toMatch(
      /^init --dry-run: \d+ file\(s\) would change \(\d+ generated\); nothing written$/m,
    );
    expect(snapshot(dir)).toEqual(before);

    const init = bin(dir, "init");
    expect(init.stderr).toBe("");
    expect(init.status).toBe(0);
    expect(init.stdout).toContain("created  workflows-src/environments.ts");
    expect(init.stdout).toContain("generated .github/workflows/deploy.yml");

    // The checkout's init (from source) on a second copy of the app: every file the same bytes.
    const { dir: fromCheckout, applyProblems } = await adoptedByCheckout();
    expect(applyProblems).toEqual([]);
    const adopted = snapshot(dir);
    expect(Object.keys(adopted).sort()).toEqual(
      Object.keys(snapshot(fromCheckout)).sort(),
    );
    expect(adopted).toEqual(snapshot(fromCheckout));
    expect(adopted["workflows-src/pipeline.config.ts"]).toContain(
      "packageManager: 'pnpm'",
    );

    const again = bin(dir, "init");
    expect(again.stderr).toBe("");
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("init: nothing to change (already adopted)");
    expect(snapshot(dir)).toEqual(adopted);
  }, 120_000);

  it("gen:workflows writes the workflows, check:workflows passes, a hand edit fails the check naming the file", () => {
    const pkg = JSON.parse(
      readFileSync(path.join(dir, "package.json"), "utf8"),
    ) as { scripts: Record<string, string> };
    expect(pkg.scripts["gen:workflows"]).toBe("typed-cicd gen:workflows");
    expect(pkg.scripts["check:workflows"]).toBe("typed-cicd check:workflows");

    const workflows = path.join(dir, ".github/workflows");
    rmSync(path.join(workflows, "quality.yml"));
    rmSync(path.join(workflows, "deploy.yml"));
    const gen = bin(dir, "gen:workflows");
    expect(gen.stderr).toBe("");
    expect(gen.status).toBe(0);
    expect(gen.stdout).toContain("wrote    .github/workflows/quality.yml");
    expect(gen.stdout).toContain("wrote    .github/workflows/deploy.yml");
    expect(readFileSync(path.join(workflows, "deploy.yml"), "utf8")).toContain(
      "run: pnpm run deploy:migrate",
    );
    expect(readdirSync(workflows).sort()).toEqual([
      "deploy.yml",
      "lighthouse.yml",
      "maintenance.yml",
      "quality.yml",
      "rollback.yml",
    ]);

    const check = bin(dir, "check:workflows");
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    expect(check.stdout).toContain("generated files match workflows-src/");

    const quality = path.join(workflows, "quality.yml");
    writeFileSync(
      quality,
      readFileSync(quality, "utf8").replace(
        "run: pnpm run ci:unit",
        "run: pnpm run test",
      ),
    );
    const drifted = bin(dir, "check:workflows");
    expect(drifted.status).toBe(1);
    expect(drifted.stderr).toMatch(
      /^\.github\/workflows\/quality\.yml: edited by hand .*\[drift-hand-edited\]$/m,
    );
  }, 120_000);

  it("runs the migration gate and the workflow audit from the package too", () => {
    const gate = bin(dir, "lint:migrations");
    expect(gate.stdout).toContain(
      "migration-lint: 1 file(s) checked, passed, 0 allowed.",
    );
    expect(gate.status).toBe(0);
    const audit = bin(dir, "audit:workflows", ".github/workflows/deploy.yml");
    expect(audit.stderr).toBe("");
    expect(audit.status).toBe(0);
    // The app's own workflow downloads a tool: the audit names it (init kept it unaudited).
    const own = bin(dir, "audit:workflows", ".github/workflows/lighthouse.yml");
    expect(own.status).toBe(1);
    expect(own.stderr).toMatch(/^\.github\/workflows\/lighthouse\.yml:\d+ /m);
  }, 60_000);

  it("the hook line init adds to husky runs check:workflows and the gate on what is staged, and stops the commit", () => {
    // The case before left a hand edit in quality.yml: generate again, then commit the app.
    expect(bin(dir, "gen:workflows").status).toBe(0);
    writeFileSync(path.join(dir, ".gitignore"), "node_modules\n");
    const git = (...args: string[]) => {
      const out = spawnSync("git", args, { cwd: dir, encoding: "utf8" });
      if (out.status !== 0) throw new Error(out.stderr);
      return out.stdout;
    };
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "app");
    const hook = () => bin(dir, "hooks:pre-commit");

    // Nothing of the pipeline's staged: nothing runs.
    writeFileSync(path.join(dir, "README.md"), "# website\n");
    git("add", "README.md");
    expect(hook()).toMatchObject({ status: 0, stdout: "", stderr: "" });

    // A hand edit of generated YAML, staged: stopped, naming the file and the fix.
    const quality = path.join(dir, ".github/workflows/quality.yml");
    const generated = readFileSync(quality, "utf8");
    writeFileSync(
      quality,
      generated.replace("run: pnpm run ci:unit", "run: pnpm run test"),
    );
    git("add", quality);
    const edited = hook();
    expect(edited.status).toBe(1);
    expect(edited.stderr).toContain(
      "pre-commit: check:workflows failed on the staged files:",
    );
    expect(edited.stderr).toMatch(
      /^\.github\/workflows\/quality\.yml: edited by hand .*\[drift-hand-edited\]$/m,
    );
    expect(edited.stderr).toContain(
      "pre-commit: fix: pnpm run gen:workflows, then git add .github",
    );
    // Fixed in the working tree but not staged: the commit would still hold the edit.
    writeFileSync(quality, generated);
    const unstagedFix = hook();
    expect(unstagedFix.status).toBe(1);
    expect(unstagedFix.stderr).toMatch(
      /commit stopped by check:workflows \(on an export of the index\)/,
    );
    git("add", quality);
    // The YAML is as committed again; a change to the definitions that generates the same YAML:
    // checked, and passes.
    const config = path.join(dir, "workflows-src/pipeline.config.ts");
    writeFileSync(config, `// Reviewed.\n${readFileSync(config, "utf8")}`);
    git("add", config);
    const fixed = hook();
    expect(fixed.stderr).toBe("");
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toMatch(/^pre-commit: check:workflows passed in /);

    // A migration that loses data, in the gate's migrations_dir (wrangler.jsonc's).
    writeFileSync(
      path.join(dir, "drizzle/migrations/0001_drop_title.sql"),
      "ALTER TABLE `articles` DROP COLUMN `title`;\n",
    );
    git("add", "drizzle/migrations");
    const lossy = hook();
    expect(lossy.status).toBe(1);
    expect(lossy.stderr).toContain(
      "pre-commit: lint:migrations failed on the staged files:",
    );
    expect(lossy.stderr).toContain("0001_drop_title.sql");
    expect(lossy.stderr).toMatch(/commit stopped by lint:migrations in /);
    git("rm", "-q", "--cached", "drizzle/migrations/0001_drop_title.sql");
    rmSync(path.join(dir, "drizzle/migrations/0001_drop_title.sql"));
  }, 120_000);

  it("answers --help, an unknown command and a command not packaged yet in one line each", () => {
    const help = bin(dir, "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^ {2}check:workflows {2,}/m);
    const unknown = bin(dir, "deploy");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(
      /^typed-cicd: unknown command "deploy" — use one of gen:workflows, /,
    );
    const refused = bin(dir, "rehearse");
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    const init = bin(dir, "init", "--help");
    expect(init.status).toBe(0);
    expect(init.stdout).toContain("typed-cicd init [--dry-run] [--root <dir>]");
    expect(init.stdout).toMatch(/^ +--dry-run +print the diff/m);
  });

  it("gives the app's TypeScript the public API's types from dist (a wrong field is a type error)", () => {
    // One tsc run: the unused @ts-expect-error would itself fail if the types were missing or any.
    writeFileSync(
      path.join(dir, "probe.ts"),
      [
        `import { definePipelineConfig } from "@typed-cicd/pipeline";`,
        `export const good = definePipelineConfig({ packageManager: "pnpm", stages: { build: { script: "build:worker" } } });`,
        `// @ts-expect-error: not a package manager the pipeline supports`,
        `export const bad = definePipelineConfig({ packageManager: "yarn-classic", stages: { build: { script: "build:worker" } } });`,
        ``,
      ].join("\n"),
    );
    // Next.js's own tsconfig resolves modules the bundler way; no @types are installed in the app.
    writeFileSync(
      path.join(dir, "tsconfig.probe.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          module: "esnext",
          moduleResolution: "bundler",
          target: "es2022",
          types: [],
        },
        files: ["probe.ts"],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [
        path.join(ROOT, "node_modules/typescript/bin/tsc"),
        "-p",
        "tsconfig.probe.json",
      ],
      { cwd: dir, encoding: "utf8" },
    );
    expect(tsc.stdout).toBe("");
    expect(tsc.status).toBe(0);
  }, 60_000);
});

/**
 * The app's "build" (.open-next/, where its wrangler.jsonc's `main` and `assets` point): the small
 * Durable Objects worker of the DO release tests instead of an OpenNext build, exporting every
 * class the app's wrangler migrations create, with app-version.txt naming the commit.
 */
function writeAdopterBuild(dir: string, commit: string): void {
  const { migrations = [] } = parseJsonc<{
    migrations?: { new_sqlite_classes?: string[] }[];
  }>("wrangler.jsonc", readFileSync(path.join(dir, "wrangler.jsonc"), "utf8"));
  const classes = migrations.flatMap((m) => m.new_sqlite_classes ?? []);
  const out = path.join(dir, ".open-next");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, "assets"), { recursive: true });
  writeFileSync(
    path.join(out, "worker.js"),
    workerSource(classes, commit, "ok"),
  );
  writeFileSync(path.join(out, "assets", "robots.txt"), "User-agent: *\n");
  writeFileSync(path.join(out, "app-version.txt"), `${commit}\n`);
}

/**
 * A second app in the state the packed bin's init leaves it (the describe above proves that state
 * byte for byte the checkout's adoption): the adopted files copied into a fresh folder, the
 * dependencies installed as adopterApp installs them — not a third init making the same plan.
 */
async function adoptedApp(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "init-adopter-"));
  dirs.push(dir);
  const adopted = snapshot((await adoptedByCheckout()).dir);
  for (const [file, text] of Object.entries(adopted)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  installPipelinePackage(dir);
  linkDependency(dir, "prettier");
  return dir;
}

describe("the deploy path through the packed bin, the app's own wrangler, against the Cloudflare API double", () => {
  let dir: string;
  const sha = (c: string) => c.repeat(40);
  let double: CloudflareDouble;
  // Each command runs 3-8 wrangler calls; on a busy 2-core machine each takes up to ~15 s.
  const TIMEOUT = 240_000;

  /**
   * `typed-cicd …` in the app with the double's credentials and API base URL, and the real pnpm on
   * PATH (this repository's devDependency; corepack puts it there on a runner), not called through it.
   */
  const deploy = (...args: string[]) =>
    spawnSync(path.join(dir, "node_modules/.bin/typed-cicd"), args, {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...(fixtureEnv(double) as NodeJS.ProcessEnv),
        PATH: `${path.resolve(import.meta.dirname, "../../node_modules/.bin")}${path.delimiter}${process.env["PATH"] ?? ""}`,
        npm_execpath: "",
        GITHUB_ACTIONS: "",
        GITHUB_STEP_SUMMARY: "",
        GITHUB_OUTPUT: "",
      },
    });
  /** A deploy CLI through the bin for staging at a commit, which must succeed. */
  const deployedToStaging = (command: string, commit: string) => {
    const run = deploy(command, "--env", "staging", "--sha", commit);
    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.status, run.stderr).toBe(0);
    return run;
  };
  const worker = async () =>
    (
      await double.control<{
        workers: {
          name: string;
          migrationTag: string | null;
          durableObjectClasses: string[];
          versions: { id: string }[];
        }[];
      }>("GET", "/__double/state")
    ).workers.find((w) => w.name === `${WORKER_NAME}-staging`);

  beforeAll(async () => {
    dir = await adoptedApp();
    double = await startCloudflareDouble({
      stateDir: path.join(dir, ".double"),
    });
  }, TIMEOUT);
  afterAll(() => double?.stop());

  it("names the fix in one line when the app has no wrangler", () => {
    const run = deploy(
      "deploy:migrate",
      "--env",
      "staging",
      "--sha",
      sha("a"),
      "--skip-lint",
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${path.join(dir, "node_modules/.bin/wrangler")}: not found — add wrangler to devDependencies`,
    );
  });

  it("names the version needed in one line when the app's wrangler is older than the deploy path's flags, before wrangler runs", () => {
    // sebc-dev/website pinned wrangler 4.50.0, whose `deploy` has no --tag (walk 4). A package that
    // says so, and a bin that would fail loudly if anything ran it.
    const pkg = path.join(dir, "node_modules/wrangler");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      path.join(pkg, "package.json"),
      JSON.stringify({ name: "wrangler", version: "4.50.0" }),
    );
    const bin = path.join(dir, "node_modules/.bin/wrangler");
    mkdirSync(path.dirname(bin), { recursive: true });
    writeFileSync(bin, "#!/bin/sh\necho wrangler-ran >&2\nexit 9\n", {
      mode: 0o755,
    });
    try {
      for (const command of ["deploy:migrate", "deploy:release"]) {
        const run = deploy(command, "--env", "staging", "--sha", sha("a"));
        expect(run.status, run.stderr).toBe(1);
        expect(run.stderr).toContain(
          "wrangler 4.50.0 is installed; the deploy commands need wrangler ≥ 4.66.0",
        );
        expect(run.stderr).not.toContain("wrangler-ran");
      }
    } finally {
      rmSync(pkg, { recursive: true, force: true });
      rmSync(bin, { force: true });
    }
  });

  it(
    "setup --only cloudflare --apply creates each environment's D1 database and R2 bucket and writes the ids; --check then finds none missing",
    async () => {
      linkDependency(dir, "wrangler", {
        name: "wrangler",
        path: "bin/wrangler.js",
      });
      const apply = deploy("setup", "--only", "cloudflare", "--apply");
      expect(apply.stderr).not.toMatch(/^error/m);
      expect(apply.status).toBe(0);
      const state = await double.control<{
        d1: { uuid: string; name: string }[];
        r2Buckets: { name: string }[];
      }>("GET", "/__double/state");
      expect(state.d1.map((d) => d.name).sort()).toEqual([
        "website-db-production",
        "website-db-staging",
      ]);
      expect(state.r2Buckets.map((b) => b.name).sort()).toEqual([
        "website-cache-production",
        "website-cache-staging",
      ]);
      for (const env of ["staging", "production"])
        expect(databaseIdOf(dir, env)).toBe(
          state.d1.find((d) => d.name === `website-db-${env}`)?.uuid,
        );
      const check = deploy("setup", "--only", "cloudflare", "--check");
      expect(check.status).toBe(0);
      expect(check.stdout).toContain(
        "no changes: live settings match the source",
      );
    },
    TIMEOUT,
  );

  it(
    "deploy:migrate reads the app's environments.ts and applies its D1 migration to staging",
    async () => {
      // No hand edit: setup --apply above wrote the double's subdomain into cloudflare-account.ts,
      // which every URL of init's environments.ts follows — in the app's own quote style (its
      // Prettier formatted the file init wrote; setup changes only the value), so the app's format
      // check stays green (walk 4 found it red after setup).
      expect(
        readFileSync(
          path.join(dir, "workflows-src", "cloudflare-account.ts"),
          "utf8",
        ),
      ).toContain("WORKERS_DEV_SUBDOMAIN = 'example';");
      const format = spawnSync(
        process.execPath,
        [
          path.join(dir, "node_modules/prettier/bin/prettier.cjs"),
          "--check",
          "--config",
          "config/prettier.config.js",
          "workflows-src/cloudflare-account.ts",
          "workflows-src/environments.ts",
        ],
        { cwd: dir, encoding: "utf8" },
      );
      expect(format.status, `${format.stdout}${format.stderr}`).toBe(0);
      const databaseId = databaseIdOf(dir, "staging");
      const run = deployedToStaging("deploy:migrate", sha("a"));
      expect(run.stdout).toContain("migrate staging: applied 0000_init.sql");
      // The migration gate ran first, through the app's own lint:migrations script, with the app's
      // manager: pnpm passes arguments without npm's `--`.
      expect(run.stdout).toContain(
        "$ pnpm run lint:migrations --skip-drizzle-check",
      );
      const tables = await double.control<{ name: string }[][]>(
        "POST",
        `/__double/d1/${databaseId}/sql`,
        {
          sql: "SELECT name FROM d1_migrations UNION ALL SELECT name FROM sqlite_master WHERE name = 'articles'",
        },
      );
      expect(tables[0]?.map((r) => r.name)).toEqual([
        "0000_init.sql",
        "articles",
      ]);
    },
    TIMEOUT,
  );

  it(
    "deploy:release creates the Worker with its three DO classes (migrations v1, v2), healthy through / → /fr/",
    async () => {
      writeAdopterBuild(dir, sha("a"));
      const run = deployedToStaging("deploy:release", sha("a"));
      expect(run.stdout).toContain("first deployment");
      expect(run.stdout).toMatch(/\/ → 200 \(redirected to \/fr\/\)/);
      const w = await worker();
      expect(w?.migrationTag).toBe("v2");
      expect(w?.durableObjectClasses).toEqual([
        "BucketCachePurge",
        "DOQueueHandler",
        "DOShardedTagCache",
      ]);
    },
    TIMEOUT,
  );

  it(
    "deploy:release of a version carrying a new DO migration goes out with wrangler deploy and is checked",
    async () => {
      addDurableObjectMigration(dir, "v3", "ArticleViews");
      writeAdopterBuild(dir, sha("b"));
      // The same config as wrangler.json: the release finds the pending migration there, as
      // wrangler finds the config it deploys with.
      renameSync(
        path.join(dir, "wrangler.jsonc"),
        path.join(dir, "wrangler.json"),
      );
      const run = deployedToStaging("deploy:release", sha("b"));
      expect(run.stdout).toContain(
        "Durable Object migration v2 → v3 pending (found by migration tag)",
      );
      const w = await worker();
      expect(w?.migrationTag).toBe("v3");
      expect(w?.durableObjectClasses).toContain("ArticleViews");
      expect(w?.versions).toHaveLength(2);
    },
    TIMEOUT,
  );
});

describe("init beside an environments.ts of its own", () => {
  it("keeps it and names each binding of the wrangler env blocks it lacks", async () => {
    const dir = adopterApp();
    const wrangler = parseJsonc<WranglerConfig>(
      "wrangler.jsonc",
      readFileSync(path.join(dir, "wrangler.jsonc"), "utf8"),
    );
    const inferred = inferEnvironments(wrangler, undefined);
    const { bindings: _dropped, ...staging } = inferred.staging;
    const own = { ...inferred, staging };
    mkdirSync(path.join(dir, "workflows-src"));
    writeFileSync(
      path.join(dir, ENVIRONMENTS_FILE),
      renderEnvironments(parseEnvironments(own)),
    );
    writeFileSync(path.join(dir, ACCOUNT_FILE), accountFileText("example"));
    const plan = await planInit(dir);
    if (!plan.ok) throw new Error(plan.errors.join("\n"));
    expect(plan.changes.map((c) => c.file)).not.toContain(ENVIRONMENTS_FILE);
    expect(plan.notes.filter((n) => n.startsWith(ENVIRONMENTS_FILE))).toEqual([
      `${ENVIRONMENTS_FILE}: staging.bindings lacks r2 NEXT_INC_CACHE_R2_BUCKET, durableObjects NEXT_CACHE_DO_QUEUE, durableObjects NEXT_TAG_CACHE_DO_SHARDED, durableObjects NEXT_CACHE_DO_PURGE, services WORKER_SELF_REFERENCE (in wrangler.jsonc env.staging) — add them so setup creates them`,
    ]);
  }, 60_000);
});

describe("typed-cicd init in an app whose Prettier is not installed", () => {
  it("stops in one line naming the fix and writes nothing (the package ships no Prettier)", () => {
    const dir = adopterApp({ prettier: false });
    const before = snapshot(dir);
    const run = bin(dir, "init");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "package.json: prettier is a dependency but not installed — install the app's dependencies, then run init again",
    );
    expect(snapshot(dir)).toEqual(before);
  }, 60_000);
});

describe("init with a Prettier plugin the app has not installed", () => {
  it("stops in one line naming the plugin; the refusals that need no formatting come first", async () => {
    const dir = adopterApp();
    writeFileSync(
      path.join(dir, "config/prettier.config.js"),
      "export default { plugins: ['prettier-plugin-not-installed'] };\n",
    );
    await expect(planInit(dir)).rejects.toThrow(
      "config/prettier.config.js: plugin prettier-plugin-not-installed is not installed — install the app's dependencies, then run init again (init formats what it writes as your format check will)",
    );
    const pkgPath = path.join(dir, "package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as Record<
      string,
      unknown
    >;
    delete pkg["packageManager"];
    writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
    const plan = await planInit(dir);
    expect(plan.ok ? [] : plan.errors).toHaveLength(1);
  });
});

describe("init --dry-run", () => {
  it("prints the diff and writes nothing", () => {
    const dir = adopterApp();
    const before = snapshot(dir);
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(ROOT, "scripts/init/cli.ts"),
        "--root",
        dir,
        "--dry-run",
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("+++ b/workflows-src/pipeline.config.ts");
    expect(run.stdout).toMatch(/^\+\s+"service": "website-staging",$/m);
    expect(run.stdout).toContain("+++ b/.github/workflows/quality.yml");
    // environments.ts in the app's Prettier style, with the Worker and the self-reference.
    expect(run.stdout).toMatch(/^\+\s+workerName: 'website-staging',$/m);
    expect(run.stdout).toMatch(/^\+\s+service: 'self',$/m);
    // What init could not infer, after the diff.
    expect(run.stdout).toContain(
      "  - config/playwright.config.ts: projects for firefox — the E2E job installs chromium only; run those locally or leave them out in CI",
    );
    expect(run.stdout).toContain(
      '  - config/playwright.config.ts: webServer runs "pnpm preview"',
    );
    expect(run.stdout).toMatch(/nothing written/);
    expect(snapshot(dir)).toEqual(before);
  }, 60_000);

  it("reports what gen would refuse (the policy judges the files as written) and still writes nothing", () => {
    const dir = adopterApp();
    const pkgPath = path.join(dir, "package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as {
      scripts: Record<string, string>;
    };
    // A stage script that downloads a tool: the workflow policy refuses it.
    pkg.scripts["lint"] = "pnpm dlx eslint .";
    writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
    const before = snapshot(dir);
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(ROOT, "scripts/init/cli.ts"),
        "--root",
        dir,
        "--dry-run",
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^init: gen: .*quality\.yml.* lint: "pnpm dlx eslint \." — pnpm dlx is not pnpm run <script>/m,
    );
    expect(run.stdout).toMatch(
      /gen would refuse them \(\d+ line\(s\) above\); nothing written/,
    );
    expect(snapshot(dir)).toEqual(before);
  }, 60_000);

  it("refuses in one line when pnpm is used without package.json's packageManager", async () => {
    const dir = adopterApp();
    const pkgPath = path.join(dir, "package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as Record<
      string,
      unknown
    >;
    delete pkg["packageManager"];
    writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
    const plan = await planInit(dir);
    expect(plan.ok ? [] : plan.errors).toEqual([
      'package.json: no "packageManager" field — add "packageManager": "pnpm@<the version that wrote the lockfile>" (corepack installs exactly it in CI; the policy reads it) and run init again',
    ]);
  });
});
