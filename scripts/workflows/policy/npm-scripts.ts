/**
 * `run:` as an allow-list: a step runs exactly `npm ci` or `npm run <script>`, the script exists, and
 * every package.json script it reaches — through `npm run`, pre/post hooks, `&&`, `||`, `;`, pipes
 * and `$( … )` — installs nothing and downloads nothing. Installs happen in the `npm ci` step only,
 * from the lockfile. Shell parsing here is deliberately coarse (quotes are dropped, every separator
 * splits) so that hiding a command inside a string still exposes it.
 */

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

/** Scripts `npm ci` itself runs for the root package. */
const CI_LIFECYCLE = [
  "preinstall",
  "install",
  "postinstall",
  "prepublish",
  "preprepare",
  "prepare",
  "postprepare",
];

/** npm commands (with npm's own aliases and typo aliases) that install, fetch or run fetched code. */
const NPM_FETCHING = new Set([
  "install",
  "i",
  "in",
  "ins",
  "inst",
  "insta",
  "instal",
  "isnt",
  "isnta",
  "isntal",
  "isntall",
  "add",
  "it",
  "install-test",
  "cit",
  "clean-install-test",
  "sit",
  "ci",
  "clean-install",
  "ic",
  "install-clean",
  "isntall-clean",
  "update",
  "up",
  "upgrade",
  "udpate",
  "exec",
  "x",
  "init",
  "create",
  "innit",
  "link",
  "ln",
  "rebuild",
  "rb",
]);
const NPM_RUN = new Set(["run", "run-script", "rum", "urn"]);
const NPM_LIFECYCLE: Readonly<Record<string, string>> = {
  test: "test",
  t: "test",
  tst: "test",
  start: "start",
  stop: "stop",
  restart: "restart",
};

/** Commands that fetch code or packages no matter their arguments. */
const FETCHERS: Readonly<Record<string, string>> = {
  npx: "downloads and runs a package",
  pnpx: "downloads and runs a package",
  bunx: "downloads and runs a package",
  pnpm: "is another package manager (pnpm dlx/add/install fetch code)",
  yarn: "is another package manager (yarn add/dlx fetch code)",
  yarnpkg: "is another package manager",
  bun: "is another package manager (bun add/x fetch code)",
  corepack: "downloads package managers",
  curl: "downloads from the network",
  wget: "downloads from the network",
  pip: "installs packages",
  pip3: "installs packages",
  pipx: "installs packages",
  uvx: "downloads and runs a package",
  gem: "installs packages",
  "apt-get": "installs packages",
  apt: "installs packages",
  brew: "installs packages",
  dnf: "installs packages",
  yum: "installs packages",
  apk: "installs packages",
};

export interface ScriptFinding {
  readonly rule: "run-allowed" | "run-script-missing" | "script-install";
  readonly message: string;
}

export interface RunVerdict {
  readonly findings: readonly ScriptFinding[];
  /** Allowed downloading scripts this step reaches (refused in environment jobs). */
  readonly downloads: readonly string[];
}

const SCRIPT_NAME = /^[A-Za-z0-9][A-Za-z0-9:._-]*$/;

/** Command lines of a script body, each as its words (quotes dropped, substitutions split out). */
export function commandsOf(body: string): string[][] {
  return body
    .replace(/\$\(|<\(|>\(|[`()]/g, ";")
    .split(/&&|\|\||[;\n|&]/)
    .map((segment) =>
      segment.replace(/["']/g, " ").split(/\s+/).filter(Boolean),
    )
    .filter((words) => words.length > 0);
}

type Step =
  | { kind: "script"; name: string }
  | { kind: "forbidden"; reason: string }
  | { kind: "other" };

/** npm options that reach another package's scripts or the global install. */
const NPM_ELSEWHERE =
  /^(?:--prefix|-C|--workspaces?|-w|--global|-g|--location)(?:=|$)/;

function classifyNpm(args: readonly string[]): Step {
  const beforeDashes = args.slice(
    0,
    args.includes("--") ? args.indexOf("--") : args.length,
  );
  const fetching = beforeDashes.find((a) => NPM_FETCHING.has(a));
  if (fetching) {
    return {
      kind: "forbidden",
      reason: `npm ${fetching} installs or runs fetched packages`,
    };
  }
  const elsewhere = beforeDashes.find((a) => NPM_ELSEWHERE.test(a));
  if (elsewhere) {
    return {
      kind: "forbidden",
      reason: `npm ${elsewhere} runs another package's scripts`,
    };
  }
  const sub = beforeDashes.find((a) => !a.startsWith("-"));
  if (sub && NPM_RUN.has(sub)) {
    const name = beforeDashes
      .slice(beforeDashes.indexOf(sub) + 1)
      .find((a) => !a.startsWith("-"));
    return name ? { kind: "script", name } : { kind: "other" };
  }
  const lifecycle = sub ? NPM_LIFECYCLE[sub] : undefined;
  return lifecycle ? { kind: "script", name: lifecycle } : { kind: "other" };
}

/**
 * What one command does, as far as the policy cares. Every word is looked at, not only the first:
 * `sh -c "npx x"`, `timeout 60 npm i`, `env A=1 nohup curl …` and `xargs npx` are caught without a
 * list of wrappers to keep complete.
 */
export function classify(words: readonly string[]): Step {
  for (const [index, word] of words.entries()) {
    const command = word.split("/").at(-1) ?? word;
    const fetcher = FETCHERS[command];
    if (fetcher) return { kind: "forbidden", reason: `${command} ${fetcher}` };
    const rest = words.slice(index + 1);
    if (command === "playwright" && rest.some((a) => a.startsWith("install"))) {
      return {
        kind: "forbidden",
        reason: "playwright install downloads browsers",
      };
    }
    if (command === "npm") return classifyNpm(rest);
  }
  return { kind: "other" };
}

/** The scripts `npm run <name>` runs: pre<name>, <name>, post<name> (those that exist). */
function withHooks(name: string): string[] {
  return [`pre${name}`, name, `post${name}`];
}

function walk(
  start: readonly string[],
  first: string,
  scripts: Readonly<Record<string, string>>,
): RunVerdict {
  const findings: ScriptFinding[] = [];
  const downloads: string[] = [];
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
    const path = [...chain, name];
    const allowed = ALLOWED_DOWNLOADS[name];
    if (allowed && allowed.command === body) {
      downloads.push(name);
      continue;
    }
    for (const words of commandsOf(body)) {
      const step = classify(words);
      if (step.kind === "forbidden") {
        findings.push({
          rule: "script-install",
          message: `${path.join(" → ")}: "${words.join(" ")}" — ${step.reason}; installs happen only in the npm ci step: remove it from package.json (or, for a pinned tool download, add it with its reason to ALLOWED_DOWNLOADS in scripts/workflows/policy/npm-scripts.ts)`,
        });
      } else if (step.kind === "script") {
        if (scripts[step.name] === undefined) {
          findings.push({
            rule: "run-script-missing",
            message: `${path.join(" → ")}: calls npm run ${step.name}, which package.json does not define — add the script or fix the name`,
          });
        }
        for (const hook of withHooks(step.name)) {
          queue.push({ name: hook, chain: path });
        }
      }
    }
  }
  return { findings, downloads };
}

/** Judges a step's `run:` against the allow-list and the scripts it reaches. */
export function judgeRun(
  run: string,
  scripts: Readonly<Record<string, string>>,
): RunVerdict {
  const command = run.trim();
  if (command === "npm ci") return walk(CI_LIFECYCLE, "npm ci", scripts);
  const name = /^npm run (\S+)$/.exec(command)?.[1];
  if (name === undefined || !SCRIPT_NAME.test(name)) {
    return {
      findings: [
        {
          rule: "run-allowed",
          message: `run: ${JSON.stringify(command.length > 60 ? `${command.slice(0, 57)}…` : command)} is not "npm ci" or "npm run <script>" — put the commands in a package.json script (or a scripts/ CLI) and call it with npmRun()`,
        },
      ],
      downloads: [],
    };
  }
  if (scripts[name] === undefined) {
    return {
      findings: [
        {
          rule: "run-script-missing",
          message: `run: npm run ${name} — package.json has no script "${name}": add it or fix the name`,
        },
      ],
      downloads: [],
    };
  }
  return walk(withHooks(name), "npm run", scripts);
}
