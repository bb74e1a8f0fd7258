import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkWorkflows } from "../workflows/check";
import {
  healthCheckOf,
  parseEnvironments,
  serviceTarget,
} from "../../workflows-src/environments";
import {
  ENVIRONMENTS_FILE,
  inferEnvironments,
  renderEnvironments,
} from "./config-files";
import { loadAdopter, loadEnvironments } from "./adopter-definitions";
import {
  linkPipelinePackage,
  WORKER_NAME,
  writeAdopterApp,
} from "./fixtures/adopter-app";
import { parseJsonc, type WranglerConfig } from "./read-repository";
import { applyInit, planInit } from "./init";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dirs: string[] = [];
function adopterApp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "init-adopter-"));
  dirs.push(dir);
  writeAdopterApp(dir);
  linkPipelinePackage(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

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
  const dir = adopterApp();

  it("writes the config and environments, generates pnpm workflows, and gen + check are green", async () => {
    const plan = await planInit(dir);
    if (!plan.ok) throw new Error(plan.errors.join("\n"));
    expect(await applyInit(dir, plan)).toEqual([]);

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
    const plan = await planInit(dir);
    if (!plan.ok) throw new Error(plan.errors.join("\n"));
    expect(plan.changes.map((c) => c.file)).not.toContain(ENVIRONMENTS_FILE);
    expect(plan.notes.filter((n) => n.startsWith(ENVIRONMENTS_FILE))).toEqual([
      `${ENVIRONMENTS_FILE}: staging.bindings lacks r2 NEXT_INC_CACHE_R2_BUCKET, durableObjects NEXT_CACHE_DO_QUEUE, durableObjects NEXT_TAG_CACHE_DO_SHARDED, durableObjects NEXT_CACHE_DO_PURGE, services WORKER_SELF_REFERENCE (in wrangler.jsonc env.staging) — add them so setup creates them`,
    ]);
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
