/** The pipeline owns serving the built worker (rehearse, drills); E2E uses the same function. */
export * from "../../scripts/deploy/serve-worker";
