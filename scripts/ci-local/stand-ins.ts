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

const CHROMIUM_THERE =
  'test -x "${CHROMIUM_PATH:-/usr/bin/chromium}" || { echo "no Chromium: apt-get install chromium" >&2; exit 1; }';

const INSTALL_BROWSER: StandIn = {
  script: CHROMIUM_THERE,
  why: "Playwright's browser download is unreachable here; playwright.config.ts uses Debian's /usr/bin/chromium",
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
