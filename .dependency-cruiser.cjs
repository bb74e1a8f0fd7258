/** Architecture rules: `npm run arch`. Each rule's comment says why it exists. */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Cycles make modules impossible to test or load in isolation.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "app-stays-app",
      comment:
        "The shipped app (src/) must not bundle pipeline code: it would ship to the Worker.",
      severity: "error",
      from: { path: "^src/" },
      to: {
        path: "^(workflows-src|scripts|e2e)/",
        // The health contract is the pipeline's, zod-only and Worker-safe: the app answers in it.
        pathNot: "^scripts/deploy/health/health-(contract|route)\\.ts$",
      },
    },
    {
      name: "workflow-source-is-pure",
      comment:
        "workflows-src/ describes the pipeline; it never reaches into the app or its runtime.",
      severity: "error",
      from: { path: "^workflows-src/" },
      to: { path: "^(src|e2e)/" },
    },
    {
      name: "workflow-source-calls-scripts-by-name",
      comment:
        "Workflows call scripts through npm script names, never by importing them.",
      severity: "error",
      from: { path: "^workflows-src/" },
      to: { path: "^scripts/" },
    },
    {
      name: "production-code-never-imports-tests",
      comment: "Test files and fixtures are not part of any runtime.",
      severity: "error",
      from: { pathNot: "\\.test\\.ts$" },
      to: { path: "(\\.test\\.ts$|/fixtures/)" },
    },
    {
      name: "definitions-use-the-public-api",
      comment:
        "This repository's workflow definitions consume the pipeline as an adopter does: through @typed-cicd/pipeline (workflows-src/builders/index.ts), plus repository-only.ts for the jobs whose scripts are not shipped yet (compat, previews, the cloud rehearsal, Dependabot). An import of any other builder would use something adopters cannot.",
      severity: "error",
      from: {
        path: "^workflows-src/([^/]+|workflows/[^/]+)\\.ts$",
        pathNot: "\\.test\\.ts$",
      },
      to: {
        path: "^workflows-src/builders/",
        pathNot: "^workflows-src/builders/(index|repository-only)\\.ts$",
      },
    },
    {
      name: "public-api-by-its-name",
      comment:
        "The public API is imported as @typed-cicd/pipeline, the name adopters write, never by its path in this repository.",
      severity: "error",
      from: {
        path: "^workflows-src/([^/]+|workflows/[^/]+)\\.ts$",
        pathNot: "\\.test\\.ts$",
      },
      to: {
        path: "^workflows-src/builders/index\\.ts$",
        dependencyTypesNot: ["aliased-tsconfig-paths"],
      },
    },
    {
      name: "package-ships-the-pipeline-only",
      comment:
        "packages/pipeline bundles whatever its entries reach (packages/pipeline/build.ts ENTRIES): the guestbook's app, its E2E tests and its own workflow config must not end up in adopters' node_modules. Environments: the package reaches the model (workflows-src/builders/environment-model.ts); this repository's values (environments.ts, cloudflare-account.ts) stay here. Known reach, reported in issue 20, to move out next: actions.ts and contracts.ts (the policy's catalog and script contracts).",
      severity: "error",
      from: {
        path: "^(packages/pipeline/[^/]+\\.ts|workflows-src/builders/index\\.ts|scripts/workflows/plan-child\\.ts|scripts/workflows/policy/audit-child\\.ts)$",
      },
      to: {
        path: "^(src|e2e)/|^workflows-src/(index|pipeline\\.config|dependabot|environments|cloudflare-account)\\.ts$|^workflows-src/workflows/",
        reachable: true,
      },
    },
    {
      name: "no-unresolvable",
      comment:
        "An import that cannot be resolved fails at runtime, often only on the Worker.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: {
      path: "^(node_modules|\\.next|\\.open-next|\\.wrangler|\\.stryker-tmp[^/]*|coverage|\\.tools|packages/[^/]+/dist)/",
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
