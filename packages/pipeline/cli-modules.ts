/**
 * The CLI module each runnable command imports (it runs on import). Its own file so the workflow
 * policy can pin exactly the one a deploy job's `typed-cicd <command>` runs in the pipeline's own
 * repository (scripts/workflows/policy/pipeline-sources.ts reads the entries below by their key),
 * and esbuild still turns every import() into a chunk loaded only when chosen. Keep each entry in
 * the shape `"<command>": () => import("<module>"),` (Prettier may wrap it): an entry read otherwise
 * pins every module here.
 */
import type { RunnableName } from "./commands";

export const CLI_MODULES: Readonly<
  Record<RunnableName, () => Promise<unknown>>
> = {
  init: () => import("../../scripts/init/cli"),
  "gen:workflows": () => import("../../scripts/workflows/gen"),
  "check:workflows": () => import("../../scripts/workflows/check-cli"),
  "audit:workflows": () => import("../../scripts/workflows/audit-cli"),
  "lint:migrations": () => import("../../scripts/migration-lint/cli"),
  "ci:installed-version": () =>
    import("../../scripts/ci/installed-version-cli"),
  "node:releases": () => import("../../scripts/maintenance/node-releases-cli"),
  "deploy:route": () => import("../../scripts/deploy/route-cli"),
  "deploy:migrate": () => import("../../scripts/deploy/migrate-cli"),
  "deploy:release": () => import("../../scripts/deploy/release-cli"),
  "deploy:rollback": () => import("../../scripts/deploy/rollback-cli"),
  setup: () => import("../../scripts/setup/cli"),
  "ci:local": () => import("../../scripts/ci-local/cli"),
  "hooks:pre-commit": () =>
    import("../../scripts/hooks/adopter-pre-commit-cli"),
};
