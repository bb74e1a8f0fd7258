/**
 * .github/dependabot.yml — weekly npm version updates against develop (they reach production the
 * same way as any change: develop → staging → main). Security updates are not configured here:
 * GitHub always opens them against the default branch.
 *
 * Groups, first match wins: next moves together with @opennextjs/cloudflare (the adapter follows
 * Next's releases, a bump of one alone breaks the build); @types/* in one pull request; every
 * other minor and patch update in one pull request; other majors one pull request each.
 */
import {
  defineConfigFile,
  validateDependabot,
} from "./builders/repository-only";
import { environments } from "./environments";

export const dependabot = defineConfigFile({
  sourceUrl: import.meta.url,
  file: ".github/dependabot.yml",
  document: validateDependabot("workflows-src/dependabot.ts", {
    version: 2,
    updates: [
      {
        "package-ecosystem": "npm",
        // The root and the deploy toolset: a wrangler (or zod, tsx) bump moves both lockfiles in
        // one pull request, which scripts/deploy-toolset/toolset.test.ts requires.
        directories: ["/", "/tools/deploy"],
        schedule: {
          interval: "weekly",
          day: "monday",
          time: "05:00",
          timezone: "Etc/UTC",
        },
        "target-branch": environments.staging.branch,
        // A fresh release gets three days for the registry and the community to catch a bad one.
        cooldown: { "default-days": 3 },
        "open-pull-requests-limit": 5,
        groups: {
          "next-opennext": { patterns: ["next", "@opennextjs/cloudflare"] },
          types: { patterns: ["@types/*"] },
          "minor-and-patch": {
            patterns: ["*"],
            "update-types": ["minor", "patch"],
          },
        },
        ignore: [
          // The runtime is Node 22 (.nvmrc); newer Node types would accept APIs it lacks.
          {
            "dependency-name": "@types/node",
            "update-types": ["version-update:semver-major"],
          },
          // typescript-eslint accepts only TypeScript < 6.1; 7.x (the native port) waits for it.
          {
            "dependency-name": "typescript",
            "update-types": ["version-update:semver-major"],
          },
        ],
      },
    ],
  }),
});
