/**
 * The only `run:` steps ci:local does not run as written, each with the reason, and a stand-in that
 * still checks what the step guarantees. They are printed on every run: a difference that is
 * listed, not hidden.
 */
import {
  COREPACK_ENABLE,
  PACKAGE_MANAGERS,
  runCommand,
} from "../../workflows-src/builders/package-manager";

export interface StandIn {
  readonly script: string;
  readonly why: string;
  /**
   * What bench:pipeline's GitHub estimate prices the step at: half the browser install (the
   * browser steps), or the local seconds (a check as quick as the step it replaces).
   */
  readonly onGitHub: "browser" | "local";
}

/**
 * `corepack enable` links the manager package.json's `packageManager` names into the Node install's
 * own bin directory: on a runner a throw-away image, here this machine's Node. The stand-in checks
 * what the step guarantees the next ones instead — that manager, at that version, first on PATH.
 */
const CHECK_PACKAGE_MANAGER = [
  `spec=$(node -e 'process.stdout.write(String(require("./package.json").packageManager ?? ""))')`,
  `[ -n "$spec" ] || { echo 'package.json: no "packageManager" field — corepack enable has no manager to install; add "packageManager": "pnpm@<version>"' >&2; exit 1; }`,
  // pnpm@9.15.4+sha512.… → pnpm, 9.15.4
  "name=${spec%%@*}; want=${spec#*@}; want=${want%%+*}",
  `have=$("$name" --version 2>/dev/null) || { echo "no $name on PATH — install $spec (ci:local does not run corepack enable: it would write into this machine's Node)" >&2; exit 1; }`,
  `[ "$have" = "$want" ] || { echo "$name $have is first on PATH, package.json's packageManager is $spec — put $name $want first on PATH" >&2; exit 1; }`,
  'echo "$name $have on PATH, as package.json\'s packageManager names"',
].join("\n");

/**
 * The browser the app's Playwright can launch: its own download, where the app's playwright-core
 * (through @playwright/test, as pnpm does not hoist it) expects it — what the install step fetches —
 * or Debian's, for a config that launches /usr/bin/chromium (this repository's). Either passes.
 */
const FIND_OWN_CHROMIUM = [
  "try {",
  '  const { createRequire } = require("node:module");',
  '  const from = createRequire(require.resolve("@playwright/test", { paths: [process.cwd()] }));',
  '  const path = from("playwright-core").chromium.executablePath();',
  '  if (require("node:fs").existsSync(path)) process.stdout.write(path);',
  "} catch {}",
].join("\n");
const CHROMIUM_THERE = [
  `own=$(node -e '${FIND_OWN_CHROMIUM}')`,
  '[ -n "$own" ] && { echo "Playwright\'s own Chromium is installed: $own"; exit 0; }',
  'debian="${CHROMIUM_PATH:-/usr/bin/chromium}"',
  '[ -x "$debian" ] && { echo "Chromium at $debian (for a Playwright config that launches it)"; exit 0; }',
  'echo "no Chromium for Playwright: neither its own download (run the install step once with the network) nor $debian (apt-get install chromium, and launch it from the Playwright config)" >&2',
  "exit 1",
].join("\n");

const INSTALL_BROWSER: StandIn = {
  script: CHROMIUM_THERE,
  why: "Playwright's browser download is unreachable here; checks that a Chromium it can launch is installed (its own, or Debian's)",
  onGitHub: "browser",
};

const INSTALL_BROWSER_DEPS: StandIn = {
  script: CHROMIUM_THERE,
  why: "the system libraries come with Debian's chromium package; apt-get from a job would change this machine",
  onGitHub: "browser",
};

/** By the `run:` text as the generated workflows write it, for either package manager. */
export const STAND_INS: Readonly<Record<string, StandIn>> = {
  [COREPACK_ENABLE]: {
    script: CHECK_PACKAGE_MANAGER,
    why: "corepack enable would write into this machine's Node install; checks that the manager on PATH is package.json's packageManager version",
    onGitHub: "local",
  },
  ...Object.fromEntries(
    PACKAGE_MANAGERS.flatMap((manager) => [
      [runCommand(manager, "e2e:install-browser"), INSTALL_BROWSER],
      [runCommand(manager, "e2e:install-browser-deps"), INSTALL_BROWSER_DEPS],
    ]),
  ),
};

export function standInFor(run: string): StandIn | undefined {
  return STAND_INS[run.trim()];
}
