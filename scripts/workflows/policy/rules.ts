/**
 * Every rule of the workflow policy, with the attack it stops. The audit reports these ids; the
 * fixtures (one attack and its fixed twin per rule) and docs/deployment/workflow-policy.md list them.
 */
export const RULES = {
  "yaml-alias": "an anchor/alias hides what a step really does",
  "yaml-form":
    "a tag, merge key, %YAML directive or case-duplicate key that GitHub reads differently from the audit (or refuses)",
  "yaml-expression-key":
    "a key written as an expression (${{ 'run' }}:) that GitHub folds into a key the audit never saw",
  "expression-syntax":
    "an expression the audit cannot parse as GitHub does, so it cannot say what it reads",
  "trigger-allowed":
    "pull_request_target / workflow_run / issue_comment run untrusted code next to secrets (pwn request)",
  "top-permissions": "a workflow-wide token scope reaches every job",
  "job-permissions":
    "a job without explicit permissions gets the repository default (often write)",
  "job-write-permission":
    "a write token lets a compromised step push code or releases",
  "job-timeout": "a hung job holds a runner (and a deploy lock) for 6 hours",
  "uses-catalog":
    "an action outside the catalog, a moved tag, or a remote workflow called as a step",
  "uses-version-comment":
    "a version comment that lies about the pinned SHA misleads review",
  "uses-docker":
    "docker:// runs an image the catalog never reviewed, and its args escape injection checks",
  "uses-reusable":
    "a remote reusable workflow runs code the catalog never reviewed",
  "local-action": "a local composite action hides steps the audit would refuse",
  "checkout-ref":
    "a checkout of another repository or ref (e.g. a PR head) whose scripts then run with the job's token and secrets",
  "artifact-same-run":
    "an artifact downloaded from another run (run-id, github-token), built by code that was never reviewed",
  "checkout-credentials":
    "a persisted GITHUB_TOKEN in .git/config is readable by every later step",
  "run-allowed":
    "arbitrary shell in run: (curl | bash, injected ${{ }}), a custom shell:, or another working-directory's package.json",
  "run-env":
    "NODE_OPTIONS, npm_config_*, BASH_ENV, PATH … set in env: make npm run execute something else",
  "run-script-missing":
    "a step (or script) calling an npm script that does not exist",
  "script-install":
    "a package.json script reached by a step installs or downloads and runs code (npx, npm exec, npm i, curl | bash …)",
  "secrets-dynamic": "toJSON(secrets) or secrets[…] dumps every secret",
  "secrets-environment":
    "secrets read outside a job bound to an environment of environments.ts",
  "secrets-name":
    "a secret not listed for the job's environment in environments.ts",
  "runs-on-hosted": "a self-hosted runner keeps state between untrusted runs",
  "image-digest":
    "a container or service image tag can be moved to another image",
  "untrusted-context":
    "attacker-controlled text (github.event.*, head_ref, caller inputs) in shell, working-directory or script arguments",
  "env-continue-on-error":
    "a failed migration or deploy step that lets the job carry on",
  "env-cancel-in-progress":
    "a deploy cancelled half-way (migrated, not released)",
  "env-if-always":
    "always()/failure()/cancelled() lets a deploy run after its checks failed",
  "env-cache":
    "a cache any branch can write, restored in a job that holds deploy secrets",
  "env-name":
    "an env var in a deploy job that changes what bash/git/node/wrangler execute or where they connect (API base URL, proxy, BASH_FUNC_*)",
  "env-action-input":
    "a catalog action in a deploy job given an input that fetches or runs something else (setup-node mirror, checkout github-server-url/path/token)",
  "preview-pr-code":
    "a preview job (its token reachable on a pull request) that checks out the pull request or installs packages, so the pull request's scripts or dependencies run next to the token",
  "preview-same-repo": "a preview job that may run for a fork's pull request",
  "env-image":
    "a container or service image (even pinned by digest) running unreviewed code next to deploy secrets",
  "secrets-placement":
    "a deploy secret handed to an action, a service, the whole job or a condition instead of the one run: step that needs it",
  "env-step-if":
    "a deploy step with its own if: (always(), or skipping the migration) that runs out of order",
  "script-command":
    "a command in a package.json script outside the allow-list (node -e, python -c, sh -c, split quotes, substitutions, assignments)",
  "script-pinned":
    "a script body or a file it executes, reached from a deploy job, changed since its hash was recorded and reviewed",
  "lockfile-source":
    "a lockfile entry resolved from a host other than the registry, or integrity differing between the deploy toolset and the root lockfile",
  "dependency-source":
    "a dependency installed from a URL, git or a tarball instead of the registry",
  "npmrc-option":
    "an .npmrc option that makes npm run another shell, load code or fetch from another registry",
} as const;

export type RuleId = keyof typeof RULES;
