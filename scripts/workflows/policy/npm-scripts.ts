/**
 * `run:` as an allow-list: a step runs exactly `npm ci` or `npm run <script>`, the script exists, and
 * every package.json script it reaches — through `npm run`, pre/post hooks, `&&`, `||`, `;` and
 * pipes — is parsed by a real shell parser (shell-parse.ts) and made only of allow-listed commands
 * (script-commands.ts). Installs happen in the `npm ci` step only, from the lockfile — and in an
 * adopter's `deploy:toolset` when its body is exactly that lockfile install with no install scripts.
 */
import {
  COREPACK_ENABLE,
  DEPLOY_TOOLSET_SCRIPT,
  packageManagers,
  type PackageManager,
} from "../../../workflows-src/builders/package-manager";
import { parseShell } from "./shell-parse";
import { classify, type CommandVerdict } from "./script-commands";

/**
 * Scripts that download on purpose, matched by name AND exact body so editing one is caught.
 * Each stays out of environment jobs (the audit rejects them there). Add one with its reason.
 */
export const ALLOWED_DOWNLOADS: Readonly<
  Record<string, { readonly command: string; readonly why: string }>
> = {
  "e2e:install-browser": {
    command: "playwright install --with-deps chromium",
    why: "the browser build pinned by the locked @playwright/test; only the E2E job (no secrets) runs it",
  },
  "e2e:install-browser-deps": {
    command: "playwright install-deps chromium",
    why: "Ubuntu packages the pinned browser needs; only the E2E job (no secrets) runs it",
  },
};

export interface ScriptFinding {
  readonly rule:
    "run-allowed" | "run-script-missing" | "script-install" | "script-command";
  readonly message: string;
}

export interface RunVerdict {
  readonly findings: readonly ScriptFinding[];
  /** Allowed downloading scripts this step reaches (refused in environment jobs). */
  readonly downloads: readonly string[];
  /** Every script the step reaches, with its body (pinned for environment jobs). */
  readonly reached: readonly { readonly name: string; readonly body: string }[];
  /** Repository files the reached scripts execute (tsx/node/bash FILE), pinned likewise. */
  readonly files: readonly string[];
}

const SCRIPT_NAME = /^[A-Za-z0-9][A-Za-z0-9:._-]*$/;

/** The scripts `npm run <name>` runs: pre<name>, <name>, post<name> (those that exist). */
function withHooks(name: string): string[] {
  return [`pre${name}`, name, `post${name}`];
}

const FIX =
  "installs happen only in the npm ci step and scripts run only allow-listed commands: change the script in package.json (or, for a pinned tool download, add it with its reason to ALLOWED_DOWNLOADS in scripts/workflows/policy/npm-scripts.ts)";

function walk(
  start: readonly string[],
  first: string,
  scripts: Readonly<Record<string, string>>,
  exists: (file: string) => boolean,
  manager: PackageManager,
  readFile: (file: string) => string | undefined,
): RunVerdict {
  const findings: ScriptFinding[] = [];
  const downloads: string[] = [];
  const reached: { name: string; body: string }[] = [];
  const files: string[] = [];
  const seen = new Set<string>();
  const queue: { name: string; chain: string[] }[] = start.map((name) => ({
    name,
    chain: [first],
  }));
  while (queue.length > 0) {
    const { name, chain } = queue.shift() as { name: string; chain: string[] };
    if (seen.has(name)) continue;
    seen.add(name);
    const body = scripts[name];
    if (body === undefined) continue;
    reached.push({ name, body });
    const path = [...chain, name];
    const allowed = ALLOWED_DOWNLOADS[name];
    if (allowed && allowed.command === body) {
      downloads.push(name);
      continue;
    }
    // An adopter's toolset: exactly its lockfile, and no install scripts (so no lifecycle to walk).
    if (
      name === DEPLOY_TOOLSET_SCRIPT &&
      body === packageManagers[manager].toolsetInstall
    )
      continue;
    const parsed = parseShell(body);
    if (!parsed.ok) {
      findings.push({
        rule: "script-command",
        message: `${path.join(" → ")}: ${JSON.stringify(body.length > 80 ? `${body.slice(0, 77)}…` : body)} — ${parsed.reason}; ${FIX}`,
      });
      continue;
    }
    for (const words of parsed.commands) {
      const verdict: CommandVerdict = classify(
        words,
        exists,
        manager,
        readFile,
      );
      if (verdict.kind === "forbidden") {
        findings.push({
          rule: verdict.rule,
          message: `${path.join(" → ")}: "${words.join(" ")}" — ${verdict.reason}; ${FIX}`,
        });
      } else if (verdict.kind === "script") {
        if (scripts[verdict.name] === undefined) {
          findings.push({
            rule: "run-script-missing",
            message: `${path.join(" → ")}: calls npm run ${verdict.name}, which package.json does not define — add the script or fix the name`,
          });
        }
        for (const hook of withHooks(verdict.name)) {
          queue.push({ name: hook, chain: path });
        }
      } else {
        files.push(...verdict.files);
      }
    }
  }
  return { findings, downloads, reached, files };
}

/**
 * Judges a step's `run:` against the allow-list and the scripts it reaches: the configured
 * manager's install (`npm ci`, `pnpm install --frozen-lockfile`), `<manager> run <script>`, and
 * for a manager corepack provides, `corepack enable`.
 */
export function judgeRun(
  run: string,
  scripts: Readonly<Record<string, string>>,
  exists: (file: string) => boolean = () => true,
  manager: PackageManager = "npm",
  /** The repository's files (the pipeline's own sources, when it holds them: script-commands.ts). */
  readFile: (file: string) => string | undefined = () => undefined,
): RunVerdict {
  const none = { downloads: [], reached: [], files: [] };
  const facts = packageManagers[manager];
  const command = run.trim();
  if (command === facts.install) {
    return walk(
      facts.installLifecycle,
      facts.install,
      scripts,
      exists,
      manager,
      readFile,
    );
  }
  if (facts.corepack && command === COREPACK_ENABLE) {
    return { ...none, findings: [] };
  }
  const name = command.startsWith(`${facts.run} `)
    ? /^(\S+)$/.exec(command.slice(facts.run.length + 1))?.[1]
    : undefined;
  if (name === undefined || !SCRIPT_NAME.test(name)) {
    return {
      ...none,
      findings: [
        {
          rule: "run-allowed",
          message: `run: ${JSON.stringify(command.length > 60 ? `${command.slice(0, 57)}…` : command)} is not "${facts.install}" or "${facts.run} <script>" (${manager}, package.json packageManager) — put the commands in a package.json script (or a scripts/ CLI) and call it with runScript()`,
        },
      ],
    };
  }
  if (scripts[name] === undefined) {
    return {
      ...none,
      findings: [
        {
          rule: "run-script-missing",
          message: `run: ${facts.run} ${name} — package.json has no script "${name}": add it or fix the name`,
        },
      ],
    };
  }
  return walk(withHooks(name), facts.run, scripts, exists, manager, readFile);
}
