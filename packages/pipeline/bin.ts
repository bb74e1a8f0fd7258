/**
 * `typed-cicd <command> [args]`: the bin adopters' package.json scripts call (through
 * bin/typed-cicd.js, the file npm links). Resolves the command
 * (commands.ts), then imports the CLI it wraps with the command name removed from process.argv, so
 * the CLI parses exactly the arguments a `npm run <script> -- …` would give it.
 */
import { resolveCommand, type CliName } from "./commands";

// Each CLI runs when imported; esbuild turns every import() into a chunk loaded only when chosen.
const CLIS: Readonly<Record<CliName, () => Promise<unknown>>> = {
  init: () => import("../../scripts/init/cli"),
  gen: () => import("../../scripts/workflows/gen"),
  check: () => import("../../scripts/workflows/check-cli"),
  audit: () => import("../../scripts/workflows/audit-cli"),
  "lint-migrations": () => import("../../scripts/migration-lint/cli"),
  "installed-version": () => import("../../scripts/ci/installed-version-cli"),
  "node-releases": () => import("../../scripts/maintenance/node-releases-cli"),
  "deploy-route": () => import("../../scripts/deploy/route-cli"),
  "deploy-migrate": () => import("../../scripts/deploy/migrate-cli"),
  "deploy-release": () => import("../../scripts/deploy/release-cli"),
  "deploy-rollback": () => import("../../scripts/deploy/rollback-cli"),
  setup: () => import("../../scripts/setup/cli"),
  "ci-local": () => import("../../scripts/ci-local/cli"),
  "pre-commit": () => import("../../scripts/hooks/adopter-pre-commit-cli"),
};

const resolved = resolveCommand(process.argv.slice(2));
if (resolved.kind === "help") {
  process.stdout.write(resolved.text);
} else if (resolved.kind === "fail") {
  console.error(resolved.message);
  process.exitCode = resolved.code;
} else {
  process.argv.splice(2, Infinity, ...resolved.argv);
  // The launcher (bin/typed-cicd.js) registered tsx already when it runs these sources.
  if (
    resolved.command.loadsTypeScript &&
    !(globalThis as Record<symbol, unknown>)[Symbol.for("typed-cicd.tsx")]
  ) {
    // The adopter's workflows-src/*.ts are imported in this process too (pipeline.config.ts,
    // environments.ts).
    const { register } = await import("tsx/esm/api");
    register();
  }
  await CLIS[resolved.command.cli]();
}
