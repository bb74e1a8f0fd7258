/**
 * What each supported package manager means for a job: the lockfile, the one install command, how a
 * package.json script is run, and how the manager itself gets onto the runner. Plain data (no
 * builder imports): the builders render steps from it and the workflow policy allows exactly these
 * forms for the manager a repository configures (scripts/workflows/policy/package-manager.ts).
 */

export const PACKAGE_MANAGERS = ["npm", "pnpm"] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export interface PackageManagerFacts {
  /** The lockfile the install reads; part of every node_modules cache key. */
  readonly lockfile: string;
  /** Installs exactly the lockfile and fails when package.json disagrees with it. */
  readonly install: string;
  /**
   * An adopter's `deploy:toolset`: the same lockfile install with no install scripts — the jobs that
   * receive deploy credentials run no code from the registry while installing, and get the
   * package's bin and the app's own wrangler at the versions the lockfile pins.
   */
  readonly toolsetInstall: string;
  /** `<run> <script>` runs a package.json script (pre/post hooks included). */
  readonly run: string;
  /**
   * `corepack enable` first: the runner's Node ships corepack, which installs the exact version
   * package.json's `packageManager` names (npm comes with Node itself).
   */
  readonly corepack: boolean;
  /**
   * setup-node's `cache:` value for jobs that may restore a download cache. pnpm has none here:
   * setup-node needs pnpm on PATH before it runs, and corepack can only run after it; the quality
   * jobs restore node_modules itself instead (prepareCached).
   */
  readonly setupNodeCache: string | undefined;
  /** Root lifecycle scripts the install itself runs (the policy walks them). */
  readonly installLifecycle: readonly string[];
  /**
   * Root files besides package.json and the lockfile that change what the install executes
   * (.npmrc's script-shell and node-options; pnpm's workspace settings and .pnpmfile.cjs hooks, which
   * run code during the install): CODEOWNERS gives them to production's reviewers.
   */
  readonly installConfig: readonly string[];
}

const NPM_LIFECYCLE = [
  "preinstall",
  "install",
  "postinstall",
  "prepublish",
  "preprepare",
  "prepare",
  "postprepare",
] as const;

export const packageManagers: Readonly<
  Record<PackageManager, PackageManagerFacts>
> = {
  npm: {
    lockfile: "package-lock.json",
    install: "npm ci",
    toolsetInstall: "npm ci --ignore-scripts",
    run: "npm run",
    corepack: false,
    setupNodeCache: "npm",
    installLifecycle: NPM_LIFECYCLE,
    installConfig: [".npmrc", "npm-shrinkwrap.json"],
  },
  pnpm: {
    lockfile: "pnpm-lock.yaml",
    install: "pnpm install --frozen-lockfile",
    toolsetInstall: "pnpm install --frozen-lockfile --ignore-scripts",
    run: "pnpm run",
    corepack: true,
    setupNodeCache: undefined,
    installLifecycle: ["pnpm:devPreinstall", ...NPM_LIFECYCLE],
    installConfig: [".npmrc", "pnpm-workspace.yaml", ".pnpmfile.cjs"],
  },
};

/** The script environment jobs run first (steps.ts installDeployToolset). */
export const DEPLOY_TOOLSET_SCRIPT = "deploy:toolset";

/** The step that puts the manager on PATH (pnpm through corepack); none for npm. */
export const COREPACK_ENABLE = "corepack enable";

/** `npm run lint` / `pnpm run lint`. */
export function runCommand(manager: PackageManager, script: string): string {
  return `${packageManagers[manager].run} ${script}`;
}

/** The manager a lockfile belongs to (init reads which one a repository has). */
export function managerOfLockfile(file: string): PackageManager | undefined {
  return PACKAGE_MANAGERS.find((m) => packageManagers[m].lockfile === file);
}
