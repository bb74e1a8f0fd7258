/**
 * The workflows `npm run gen:workflows` emits, one entry per .github/workflows/<file>.
 *
 * To add a workflow: create workflows-src/workflows/<name>.ts exporting
 * `defineWorkflow({ sourceUrl: import.meta.url, file: "<name>.yml", … })` composed from the builders
 * in workflows-src/builders/ (steps.ts for checkout/setupNode/npmCi/defineJob/artifacts), import it
 * here and append it to the array. Then run `npm run gen:workflows` and commit the source, the YAML
 * and the diagram in docs/deployment/diagrams/ together. Removing an entry deletes its generated files.
 *
 * `configs` are the other generated files under .github/ (dependabot.yml): same header, checksum and
 * drift check, no diagram, no actionlint.
 */
import type {
  ConfigFileDefinition,
  WorkflowDefinition,
} from "@typed-cicd/pipeline";
import { dependabot } from "./dependabot";
import { deploy } from "./workflows/deploy";
import { maintenance } from "./workflows/maintenance";
import { mutation } from "./workflows/mutation";
import { previewCleanup } from "./workflows/preview-cleanup";
import { quality } from "./workflows/quality";
import { rollbackWorkflow } from "./workflows/rollback";

export const workflows: readonly WorkflowDefinition[] = [
  quality,
  mutation,
  deploy,
  rollbackWorkflow,
  maintenance,
  previewCleanup,
];

export const configs: readonly ConfigFileDefinition[] = [dependabot];
