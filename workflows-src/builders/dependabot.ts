/**
 * The typed shape of .github/dependabot.yml (version 2), limited to the options this project uses.
 * `package-ecosystem` admits npm only: action pins live in workflows-src/actions.ts and move with
 * `npm run pins:update`; Dependabot's github-actions updates would edit generated YAML and fail the
 * drift check (decisions record, decision 9).
 * @see https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference
 */

export type UpdateType = "major" | "minor" | "patch";

/** @see https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference#groups-- */
export interface DependabotGroup {
  /** Defaults to version-updates; security updates are grouped only when a group says so. */
  readonly "applies-to"?: "version-updates" | "security-updates";
  readonly "dependency-type"?: "development" | "production";
  readonly patterns: readonly string[];
  readonly "exclude-patterns"?: readonly string[];
  readonly "update-types"?: readonly UpdateType[];
}

/** @see https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference#ignore-- */
export interface DependabotIgnore {
  readonly "dependency-name": string;
  readonly "update-types"?: readonly `version-update:semver-${UpdateType}`[];
}

/**
 * One directory, or several: with `directories` an update of a dependency found in more than one
 * lockfile comes as ONE pull request (grouped updates span the directories).
 * @see https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference#directories-or-directory--
 */
type UpdateDirectories =
  | { readonly directory: string; readonly directories?: never }
  | { readonly directories: readonly string[]; readonly directory?: never };

export type DependabotUpdate = UpdateDirectories & UpdateOptions;

export interface UpdateOptions {
  readonly "package-ecosystem": "npm";
  readonly schedule: {
    readonly interval: "daily" | "weekly" | "monthly";
    readonly day?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday";
    /** hh:mm */
    readonly time?: string;
    readonly timezone?: string;
  };
  /** Version updates only: security updates always target the default branch. */
  readonly "target-branch"?: string;
  /** Days a release must age before Dependabot proposes it (version updates only). */
  readonly cooldown?: { readonly "default-days": number };
  readonly "open-pull-requests-limit"?: number;
  /** Order matters: a dependency joins the first group that matches it. */
  readonly groups?: { readonly [name: string]: DependabotGroup };
  readonly ignore?: readonly DependabotIgnore[];
}

export interface DependabotConfig {
  readonly version: 2;
  readonly updates: readonly DependabotUpdate[];
}

/** Checks what the type cannot: names and values GitHub would reject, named by their path. */
export function validateDependabot(
  source: string,
  config: DependabotConfig,
): DependabotConfig {
  config.updates.forEach((update, index) => {
    const at = `${source}: updates[${index}]`;
    const time = update.schedule.time;
    if (time !== undefined && !/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(time)) {
      throw new Error(`${at}.schedule.time: "${time}" — use hh:mm (24-hour)`);
    }
    for (const [name, group] of Object.entries(update.groups ?? {})) {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
        throw new Error(
          `${at}.groups.${name}: use lower-case letters, digits and dashes (it becomes part of the branch name)`,
        );
      }
      if (group.patterns.length === 0) {
        throw new Error(
          `${at}.groups.${name}.patterns: empty — name at least one pattern`,
        );
      }
    }
  });
  return config;
}
