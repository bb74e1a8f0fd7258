/**
 * The state a GitHub API double keeps for one repository: branches, environments with their rules,
 * branch policies and (decrypted) secrets, rulesets — plus the account facts that decide what
 * GitHub refuses (visibility/plan). Shapes follow GitHub's REST reference (2022-11-28).
 */
import sodium from "libsodium-wrappers";

export interface DoubleOptions {
  readonly owner?: string;
  readonly repo?: string;
  readonly token?: string;
  /** A token that may read but not write (a fine-grained token without Administration: write). */
  readonly readOnlyToken?: string;
  readonly private?: boolean;
  /** false: "Failed to create the environment protection rule…" (private repo, Pro/Team). */
  readonly reviewersSupported?: boolean;
  /**
   * false: no environments at all (a private repository on GitHub Free): creating one answers 403
   * and none exists. GitHub documents the plan limit, not the response; the double answers like
   * its other plan refusals (rulesets), and setup treats a 403 or 404 on that PUT alike.
   */
  readonly environmentsSupported?: boolean;
  /** false: rulesets answer 403 "Upgrade to GitHub Pro or make this repository public…". */
  readonly rulesetsSupported?: boolean;
  readonly branches?: readonly string[];
  /** Pull requests of the repository (the preview sweep lists the open ones). */
  readonly pulls?: readonly PullState[];
  readonly users?: readonly string[];
  /** "org/slug" */
  readonly teams?: readonly string[];
}

export interface PullState {
  readonly number: number;
  readonly state: "open" | "closed";
}

export interface Reviewer {
  readonly type: "User" | "Team";
  readonly id: number;
}

export interface EnvironmentState {
  id: number;
  name: string;
  canAdminsBypass: boolean;
  preventSelfReview: boolean;
  reviewers: Reviewer[];
  branchPolicy: {
    protected_branches: boolean;
    custom_branch_policies: boolean;
  } | null;
  policies: { id: number; name: string; type: string }[];
  /** Decrypted with the double's private key: proves the client sealed them correctly. */
  secrets: Map<string, { value: string; updatedAt: string }>;
}

export interface RulesetState {
  id: number;
  name: string;
  target: string;
  enforcement: string;
  bypass_actors: unknown[];
  conditions: unknown;
  rules: unknown[];
}

export interface DoubleState {
  readonly owner: string;
  readonly repo: string;
  readonly token: string;
  readonly readOnlyToken: string | undefined;
  readonly private: boolean;
  readonly reviewersSupported: boolean;
  readonly environmentsSupported: boolean;
  readonly rulesetsSupported: boolean;
  readonly branches: Map<string, string>;
  readonly pulls: readonly PullState[];
  readonly users: Map<string, number>;
  readonly teams: Map<string, number>;
  readonly environments: Map<string, EnvironmentState>;
  readonly rulesets: Map<number, RulesetState>;
  readonly keyPair: { publicKey: Uint8Array; privateKey: Uint8Array };
  readonly keyId: string;
  nextId: number;
  /** "METHOD /path" of every request, for tests that assert what was (not) written. */
  readonly requests: string[];
}

export async function createState(
  options: DoubleOptions,
): Promise<DoubleState> {
  await sodium.ready;
  let nextId = 1000;
  const ids = (names: readonly string[]) =>
    new Map(names.map((name) => [name.toLowerCase(), nextId++]));
  return {
    owner: options.owner ?? "acme",
    repo: options.repo ?? "app",
    token: options.token ?? "ghp_double",
    readOnlyToken: options.readOnlyToken,
    private: options.private ?? false,
    reviewersSupported: options.reviewersSupported ?? true,
    environmentsSupported: options.environmentsSupported ?? true,
    rulesetsSupported: options.rulesetsSupported ?? true,
    branches: new Map(
      (options.branches ?? ["main"]).map((b, i) => [
        b,
        (i + 1).toString(16).padStart(40, "a"),
      ]),
    ),
    pulls: options.pulls ?? [],
    users: ids(options.users ?? []),
    teams: ids(options.teams ?? []),
    environments: new Map(),
    rulesets: new Map(),
    keyPair: sodium.crypto_box_keypair(),
    keyId: "568250167242549743",
    nextId,
    requests: [],
  };
}
