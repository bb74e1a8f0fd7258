import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  pipelineSourceFiles,
  STATIC_ONLY,
} from "../workflows/policy/pipeline-sources";
import { aliasesAt, reachablePackages } from "./reachable-packages";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TOOLSET = path.join(ROOT, "tools/deploy");
const readJson = (file: string) =>
  JSON.parse(readFileSync(file, "utf8")) as {
    dependencies?: Record<string, string>;
    scripts?: Record<string, string>;
    packages?: Record<string, { version?: string }>;
  };
const rootPackage = readJson(path.join(ROOT, "package.json"));
const rootLock = readJson(path.join(ROOT, "package-lock.json"));
const toolset = readJson(path.join(TOOLSET, "package.json"));
const toolsetLock = readJson(path.join(TOOLSET, "package-lock.json"));

interface Job {
  steps?: { run?: string }[];
}
/** The npm scripts each job that installs the toolset runs after it, from the committed YAML. */
function toolsetJobs(): Map<string, string[]> {
  const jobs = new Map<string, string[]>();
  for (const file of ["deploy.yml", "rollback.yml"]) {
    const workflow = parse(
      readFileSync(path.join(ROOT, ".github/workflows", file), "utf8"),
    ) as { jobs: Record<string, Job> };
    for (const [id, job] of Object.entries(workflow.jobs)) {
      const runs = (job.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));
      if (runs.includes("npm run deploy:toolset"))
        jobs.set(
          `${file} ${id}`,
          runs
            .filter((r) => r !== "npm run deploy:toolset")
            .map((r) => r.replace(/^npm run /, "")),
        );
    }
  }
  return jobs;
}

describe("the deploy toolset (tools/deploy)", () => {
  it("pins exactly the versions the root lockfile installs (what the tests ran)", () => {
    const deps = Object.entries(toolset.dependencies ?? {});
    expect(deps.length).toBeGreaterThan(0);
    for (const [name, version] of deps) {
      expect(
        rootLock.packages?.[`node_modules/${name}`]?.version,
        `${name} in tools/deploy/package.json`,
      ).toBe(version);
      expect(
        toolsetLock.packages?.[`node_modules/${name}`]?.version,
        `${name} in tools/deploy/package-lock.json — run npm install --prefix tools/deploy`,
      ).toBe(version);
    }
  });

  it("is what every job bound to an environment installs, with no npm ci of the app", () => {
    const jobs = toolsetJobs();
    expect([...jobs.keys()].sort()).toEqual([
      "deploy.yml deploy-production",
      "deploy.yml deploy-staging",
      "deploy.yml route",
      "rollback.yml rollback-production",
      "rollback.yml rollback-staging",
    ]);
    for (const scripts of jobs.values())
      expect(scripts).not.toContain("npm ci");
  });

  it("holds every package the scripts those jobs run can import, and the scripts they run", () => {
    const held = new Set(Object.keys(toolset.dependencies ?? {}));
    expect(held.has("tsx")).toBe(true);
    const readRepoFile = (file: string): string | undefined => {
      try {
        return readFileSync(path.join(ROOT, file), "utf8");
      } catch {
        return undefined;
      }
    };
    const entriesOf = (job: string, script: string): string[] => {
      const command = rootPackage.scripts?.[script] ?? "";
      // `typed-cicd <command>`: the checkout's launcher, its preload, bin.ts and the command's CLI.
      const bin = /^typed-cicd (\S+)$/.exec(command)?.[1];
      const entries =
        bin !== undefined
          ? pipelineSourceFiles(bin, readRepoFile)
          : /^(?:node (?:--import \S+ )*--import tsx|tsx) (\S+\.ts)$/
              .exec(command)
              ?.slice(1);
      expect(
        entries,
        `${job}: npm run ${script} is "${command}"`,
      ).toBeDefined();
      return (entries ?? []).map((entry) => path.join(ROOT, entry));
    };
    let walked = 0;
    for (const [job, scripts] of toolsetJobs()) {
      const queue = [...scripts];
      const done = new Set<string>();
      while (queue.length > 0) {
        const script = queue.shift() as string;
        if (done.has(script)) continue;
        done.add(script);
        const reach = reachablePackages(
          entriesOf(job, script),
          aliasesAt(ROOT),
          new Set([...STATIC_ONLY].map((file) => path.join(ROOT, file))),
        );
        for (const [pkg, importer] of reach.packages)
          expect(
            held.has(pkg),
            `${job}: npm run ${script} imports ${pkg} (${path.relative(ROOT, importer)}) — add it to tools/deploy`,
          ).toBe(true);
        queue.push(...reach.npmScripts);
      }
      walked += done.size;
    }
    // deploy:migrate runs lint:migrations as a child npm script: that one is walked too.
    expect(walked).toBeGreaterThan(toolsetJobs().size);
  });
});

describe("npm run deploy:toolset with node_modules in the commit", () => {
  it("refuses before installing or running anything: a committed folder would pass for a full install and its .bin would run with the job's secrets", () => {
    const repo = mkdtempSync(path.join(tmpdir(), "deploy-toolset-committed-"));
    try {
      const script = path.join(repo, "scripts/deploy-toolset/install.sh");
      mkdirSync(path.dirname(script), { recursive: true });
      copyFileSync(
        path.join(ROOT, "scripts/deploy-toolset/install.sh"),
        script,
      );
      mkdirSync(path.join(repo, "node_modules/.bin"), { recursive: true });
      const payload = path.join(repo, "node_modules/.bin/typed-cicd");
      writeFileSync(payload, "#!/bin/sh\ntouch pwned\n", { mode: 0o755 });
      const git = (...args: string[]) =>
        execFileSync("git", args, { cwd: repo, stdio: "pipe" });
      git("init", "-q");
      git("add", "-f", ".");
      const run = spawnSync("bash", [script], { cwd: repo, encoding: "utf8" });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        /^::error::deploy:toolset: node_modules is committed \(node_modules\/\.bin\/typed-cicd\) — remove it from git/m,
      );
      expect(run.stdout).not.toMatch(/nothing to do/);
      // Deeper down too: Node loads a package from any node_modules above a module first.
      git("rm", "-rq", "--cached", "node_modules");
      rmSync(path.join(repo, "node_modules"), { recursive: true });
      mkdirSync(path.join(repo, "packages/node_modules/tsx/esm"), {
        recursive: true,
      });
      writeFileSync(path.join(repo, "packages/node_modules/tsx/esm/api"), "");
      git("add", "-f", ".");
      const nested = spawnSync("bash", [script], {
        cwd: repo,
        encoding: "utf8",
      });
      expect(nested.status).toBe(1);
      expect(nested.stderr).toContain(
        "node_modules is committed (packages/node_modules/tsx/esm/api)",
      );
      // wrangler follows a committed .wrangler/deploy/config.json to another config.
      git("rm", "-rq", "--cached", "packages");
      rmSync(path.join(repo, "packages"), { recursive: true });
      mkdirSync(path.join(repo, ".wrangler/deploy"), { recursive: true });
      writeFileSync(
        path.join(repo, ".wrangler/deploy/config.json"),
        '{ "configPath": "../../elsewhere/wrangler.json" }',
      );
      git("add", "-f", ".");
      const redirect = spawnSync("bash", [script], {
        cwd: repo,
        encoding: "utf8",
      });
      expect(redirect.status).toBe(1);
      expect(redirect.stderr).toContain(
        ".wrangler is committed (.wrangler/deploy/config.json)",
      );
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe("npm run deploy:toolset in a clean clone", () => {
  const clone = mkdtempSync(path.join(tmpdir(), "deploy-toolset-"));
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it("installs wrangler without the app's dependencies and the route script runs on it", () => {
    execFileSync("git", ["clone", "-q", "--local", ROOT, clone]);
    // The working tree's copies, so the test judges this change before it is committed.
    for (const file of [
      "package.json",
      "tools/deploy/package.json",
      "tools/deploy/package-lock.json",
      "scripts/deploy-toolset/install.sh",
      "packages/pipeline/bin/typed-cicd.js",
      "packages/pipeline/bin.ts",
      "packages/pipeline/commands.ts",
      "packages/pipeline/cli-modules.ts",
    ]) {
      mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
      copyFileSync(path.join(ROOT, file), path.join(clone, file));
    }
    const env = { ...process.env, npm_config_yes: "false" };
    const out = execFileSync("npm", ["run", "-s", "deploy:toolset"], {
      cwd: clone,
      env,
      encoding: "utf8",
    });
    expect(out).toMatch(/deploy:toolset: 4\.\d+\.\d+ installed in \d+ ms/);
    // What the app needs is not there: this is the slim set, not a second full install.
    expect(() =>
      execFileSync("node", ["-e", "import('next')"], {
        cwd: clone,
        stdio: "pipe",
      }),
    ).toThrow();
    const route = execFileSync("npm", ["run", "-s", "deploy:route"], {
      cwd: clone,
      env: {
        ...env,
        GITHUB_EVENT_NAME: "push",
        GITHUB_REF: "refs/heads/develop",
        GITHUB_OUTPUT: path.join(clone, "github-output"),
      },
      encoding: "utf8",
    });
    expect(route).toMatch(/staging/);
    // The lint deploy:migrate runs before every migration, as it runs it (no drizzle-kit here).
    const lint = execFileSync(
      "npm",
      ["run", "-s", "lint:migrations", "--", "--skip-drizzle-check"],
      { cwd: clone, env, encoding: "utf8" },
    );
    expect(lint).toMatch(/migration-lint: \d+ file\(s\) checked, passed/);
    expect(readFileSync(path.join(clone, "github-output"), "utf8")).toMatch(
      /^environment=staging$/m,
    );
    // A guard against a hung install, not a speed limit: under load 13 on 2 cores it took 126 s.
  }, 300_000);
});
