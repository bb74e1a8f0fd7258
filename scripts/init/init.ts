/**
 * `init` in an existing repository: plan every file it writes (config, environments, wrangler
 * environment blocks, package.json scripts, the Prettier ignore file the format script reads, the
 * husky hook, .nvmrc when missing) and the generated
 * workflows, in memory; then, unless it is a dry run, write them and generate. Files that exist
 * are read, never rewritten from scratch: a second run plans no change.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  parsePipelineConfig,
  PIPELINE_CONFIG_FILE,
  type PipelineConfig,
} from "../../workflows-src/builders/pipeline-config";
import {
  parseEnvironments,
  type Environments,
} from "../../workflows-src/builders/environment-model";
import { generate } from "../workflows/generate";
import { readGeneratedLocations, planSync } from "../workflows/generated-files";
import { planFiles } from "../workflows/plan";
import { PINS_FILE } from "../workflows/policy/pins";
import { DIAGRAMS_DIR } from "../workflows/locations";
import {
  adopterWorkflows,
  loadConfig,
  loadEnvironments,
} from "./adopter-definitions";
import {
  ENVIRONMENTS_FILE,
  HEALTH_ROUTES,
  inferEnvironments,
  renderEnvironments,
  renderPipelineConfig,
  SMOKE_HEALTH,
  SUBDOMAIN_PLACEHOLDER,
} from "./config-files";
import { ACCOUNT_FILE, accountFileText } from "../setup/cloudflare/subdomain";
import { missingBindings } from "./environment-bindings";
import { formatLike } from "./format";
import { hookPlan, HUSKY_PRE_COMMIT } from "./git-hook";
import { NODE_VERSION_FILE, NVMRC, nvmrcPlan } from "./node-version";
import { GENERATED_WORKFLOWS, inferConfig } from "./infer-config";
import { withScripts } from "./package-scripts";
import { ignoreEntry, prettierFiles } from "./prettier-files";
import { playwrightNotes } from "./playwright-notes";
import { withIgnoreBlock } from "./prettier-ignore";
import { readRepository } from "./read-repository";
import { environmentNotes, withEnvironments } from "./wrangler-environments";
import {
  CONVERTED_FILE,
  convertWranglerToml,
  TOML_FILE,
} from "./wrangler-toml";
import { isGenerated } from "../workflows/header";

function environmentNames(environments: Environments) {
  return Object.keys(environments) as (keyof Environments)[];
}

export interface FileChange {
  readonly file: string;
  readonly before: string | undefined;
  /** undefined: the file is removed (a wrangler.toml init converted). */
  readonly after: string | undefined;
}

export type InitPlan =
  | {
      readonly ok: true;
      readonly changes: readonly FileChange[];
      /** The generated files (workflows, diagrams) as gen would write them now. */
      readonly generated: readonly FileChange[];
      readonly config: PipelineConfig;
      readonly environments: Environments;
      /** What init could not infer or left for a person, one line each. */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly string[] };

export async function planInit(root: string): Promise<InitPlan> {
  const facts = readRepository(root);
  const errors: string[] = [];
  const [manager, ...others] = facts.lockfiles;
  if (manager === undefined || others.length > 0)
    errors.push(
      `${facts.lockfiles.length === 0 ? "no lockfile" : `${facts.lockfiles.length} lockfiles`} — commit exactly one of package-lock.json or pnpm-lock.yaml (CI installs exactly it)`,
    );
  if (!facts.wrangler)
    errors.push(
      "no wrangler.jsonc, wrangler.json or wrangler.toml — add the Worker's wrangler config first",
    );
  let wranglerFacts = facts.wrangler;
  const removed: FileChange[] = [];
  if (facts.wrangler?.file === TOML_FILE) {
    try {
      const converted = convertWranglerToml(root);
      wranglerFacts = { file: CONVERTED_FILE, ...converted };
      removed.push({
        file: TOML_FILE,
        before: facts.wrangler.text,
        after: undefined,
      });
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  for (const file of facts.workflows) {
    const text = facts.read(`.github/workflows/${file}`) ?? "";
    if (GENERATED_WORKFLOWS.includes(file) && !isGenerated(text))
      errors.push(
        `.github/workflows/${file}: hand-written, and the pipeline generates a file of that name — rename yours (it can stay, listed in keepWorkflows) and run init again`,
      );
  }
  if (manager && manager !== "npm" && !facts.packageJson.packageManager)
    errors.push(
      `package.json: no "packageManager" field — add "packageManager": "${manager}@<the version that wrote the lockfile>" (corepack installs exactly it in CI; the policy reads it) and run init again`,
    );
  const wrangler = wranglerFacts?.config;
  if (errors.length > 0 || !manager || !wrangler || !wranglerFacts)
    return { ok: false, errors };

  const scripts = facts.packageJson.scripts ?? {};
  const inferred = inferConfig({
    manager,
    scripts,
    exists: facts.exists,
    read: facts.read,
    workflows: facts.workflows,
  });
  const notes: string[] = [];
  const changes: FileChange[] = [];
  const hasConfig = facts.exists(PIPELINE_CONFIG_FILE);
  const config = hasConfig
    ? await loadConfig(root)
    : parsePipelineConfig(inferred.config);
  const prettier = prettierFiles(scripts, config.stages.format?.script);
  const change = async (file: string, after: string) => {
    const before = facts.read(file);
    const formatted = await formatLike(
      root,
      file,
      after,
      facts.packageJson,
      prettier,
    );
    if (before !== formatted) changes.push({ file, before, after: formatted });
  };
  if (!hasConfig) {
    notes.push(...inferred.notes);
    await change(PIPELINE_CONFIG_FILE, renderPipelineConfig(inferred.config));
  }
  if (config.stages.e2e) {
    const file = config.stages.e2e.config ?? "playwright.config.ts";
    const text = facts.read(file);
    if (text !== undefined) notes.push(...playwrightNotes(file, text));
  }
  const hasEnvironments = facts.exists(ENVIRONMENTS_FILE);
  const healthRoute = HEALTH_ROUTES.find(facts.exists);
  const inferredEnvironments = parseEnvironments(
    inferEnvironments(wrangler, healthRoute ? undefined : SMOKE_HEALTH),
  );
  const environments = hasEnvironments
    ? await loadEnvironments(root)
    : inferredEnvironments;
  if (!hasEnvironments) {
    notes.push(
      `${ACCOUNT_FILE}: the workers.dev subdomain is the placeholder "${SUBDOMAIN_PLACEHOLDER}" — setup --apply writes the account's (every URL in ${ENVIRONMENTS_FILE} follows it; or put your domain there)`,
      `${ENVIRONMENTS_FILE}: production's reviewer is the placeholder "release-approver" — set real GitHub logins`,
      healthRoute
        ? `${ENVIRONMENTS_FILE}: health is the pipeline's JSON contract at /api/health (${healthRoute} exists) — check it answers that contract, or use { kind: "smoke", checks: [...] }`
        : `${ENVIRONMENTS_FILE}: no /api/health route — health is a smoke check: GET / (redirects followed) must end at 200; add the paths that prove a release works`,
    );
    await change(ENVIRONMENTS_FILE, renderEnvironments(environments));
    if (!facts.exists(ACCOUNT_FILE))
      await change(ACCOUNT_FILE, accountFileText(SUBDOMAIN_PLACEHOLDER));
  } else {
    for (const env of environmentNames(environments)) {
      const missing = missingBindings(
        inferredEnvironments[env].bindings ?? {},
        environments[env].bindings,
      );
      if (missing.length > 0)
        notes.push(
          `${ENVIRONMENTS_FILE}: ${env}.bindings lacks ${missing.join(", ")} (in ${wranglerFacts.file} env.${env}) — add them so setup creates them`,
        );
    }
  }

  await change(
    wranglerFacts.file,
    withEnvironments(wranglerFacts.text, wrangler),
  );
  if (removed.length > 0) {
    changes.push(...removed);
    notes.push(
      `${TOML_FILE} → ${CONVERTED_FILE}: converted with the app's own wrangler (same keys; the pipeline edits JSONC) and the TOML removed — its comments were not carried over: review the diff`,
    );
  }
  notes.push(...environmentNotes(wrangler, wranglerFacts.file));

  const edited = withScripts(facts.packageJsonText, scripts, inferred.scripts);
  notes.push(...edited.notes);
  await change("package.json", edited.text);

  const nvmrc = nvmrcPlan(facts.read(NVMRC), facts.read(NODE_VERSION_FILE));
  if (nvmrc) {
    notes.push(nvmrc.note);
    changes.push({ file: NVMRC, before: undefined, after: nvmrc.text });
  }

  const hook = hookPlan(manager, {
    dir: facts.exists(".husky"),
    preCommit: facts.read(HUSKY_PRE_COMMIT),
  });
  if ("note" in hook) notes.push(hook.note);
  else if (hook.text !== facts.read(hook.file))
    changes.push({
      file: hook.file,
      before: facts.read(hook.file),
      after: hook.text,
    });

  const workflows = adopterWorkflows(config, environments);
  const planned = planFiles(workflows);
  await change(
    prettier.ignorePath,
    withIgnoreBlock(
      facts.read(prettier.ignorePath),
      [
        ...planned
          .map((f) => f.path)
          .filter((p) => !p.startsWith(`${DIAGRAMS_DIR}/`)),
        `${DIAGRAMS_DIR}/`,
        PINS_FILE,
      ].map((file) => ignoreEntry(prettier.ignorePath, file)),
    ),
  );

  if (errors.length > 0) return { ok: false, errors };
  const sync = planSync(planned, readGeneratedLocations(root));
  const generated = sync.write.map((f) => ({
    file: f.path,
    before: facts.read(f.path),
    after: f.content,
  }));
  return { ok: true, changes, generated, config, environments, notes };
}

/** Writes (or removes: a converted wrangler.toml) the planned files at `root`. */
export function writeChanges(
  root: string,
  changes: readonly FileChange[],
): void {
  for (const { file, after } of changes) {
    if (after === undefined) {
      rmSync(path.join(root, file), { force: true });
      continue;
    }
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), after);
  }
}

/** Writes the planned files, then generates (with the clean audit); the errors, if any. */
export async function applyInit(
  root: string,
  plan: Extract<InitPlan, { ok: true }>,
): Promise<readonly string[]> {
  writeChanges(root, plan.changes);
  const result = await generate(
    root,
    () =>
      Promise.resolve({
        workflows: adopterWorkflows(plan.config, plan.environments),
      }),
    undefined,
    plan.config.keepWorkflows,
  );
  return result.ok ? [] : result.errors;
}

/** What a copy holds of the repository: its files, not what is installed or built. */
const NOT_COPIED = new Set([
  "node_modules",
  ".git",
  ".next",
  ".open-next",
  ".wrangler",
]);

/**
 * For --dry-run: applies the plan to a scratch copy of the repository (its node_modules linked,
 * not copied) and generates there, so the dry run reports what gen would refuse — the workflow
 * policy judges the files on disk (package.json's scripts included) — without writing here.
 */
export async function rehearseInit(
  root: string,
  plan: Extract<InitPlan, { ok: true }>,
): Promise<readonly string[]> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "init-dry-run-"));
  try {
    cpSync(root, scratch, {
      recursive: true,
      filter: (source) => !NOT_COPIED.has(path.basename(source)),
    });
    if (existsSync(path.join(root, "node_modules")))
      symlinkSync(
        path.join(root, "node_modules"),
        path.join(scratch, "node_modules"),
        "dir",
      );
    return await applyInit(scratch, plan);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
