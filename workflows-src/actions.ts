/**
 * The one catalog of third-party actions. Every `uses:` in generated YAML comes from here, pinned to
 * the full commit SHA its release tag points to (a tag can be moved; a SHA cannot). The generator
 * prints the version as a comment (`owner/repo@<sha> # vX.Y.Z`) and the check refuses any ref that
 * is not listed here. To upgrade: change sha and version together, regenerate, review the diff.
 * Pins were read from the actions' release tags; `npm run pins:check` re-reads the tags and reports any that moved.
 */
export interface ActionPin {
  /** owner/repo (optionally /path for actions in a subdirectory). */
  readonly repo: string;
  /** Full 40-hex commit SHA of the release tag. */
  readonly sha: string;
  /** The release tag the SHA belongs to, shown as the YAML comment. */
  readonly version: string;
}

export const actions = {
  checkout: {
    repo: "actions/checkout",
    sha: "3d3c42e5aac5ba805825da76410c181273ba90b1",
    version: "v7.0.1",
  },
  setupNode: {
    repo: "actions/setup-node",
    sha: "820762786026740c76f36085b0efc47a31fe5020",
    version: "v7.0.0",
  },
  uploadArtifact: {
    repo: "actions/upload-artifact",
    sha: "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f",
    version: "v7.0.0",
  },
  downloadArtifact: {
    repo: "actions/download-artifact",
    sha: "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c",
    version: "v8.0.1",
  },
  cache: {
    repo: "actions/cache",
    sha: "27d5ce7f107fe9357f9df03efb73ab90386fccae",
    version: "v5.0.5",
  },
  // The restore-only and save-only halves of actions/cache (same repository and tag): a pull
  // request restores the base branch's Stryker incremental file read-only, never saving over it.
  cacheRestore: {
    repo: "actions/cache/restore",
    sha: "27d5ce7f107fe9357f9df03efb73ab90386fccae",
    version: "v5.0.5",
  },
  cacheSave: {
    repo: "actions/cache/save",
    sha: "27d5ce7f107fe9357f9df03efb73ab90386fccae",
    version: "v5.0.5",
  },
  /** Runs zizmor (workflow security audit) in Docker on GitHub; it cannot run on the dev machines. */
  zizmor: {
    repo: "zizmorcore/zizmor-action",
    sha: "f52a838cfabf134edcbaa7c8b3677dde20045018",
    version: "v0.1.1",
  },
} as const satisfies Record<string, ActionPin>;

export type ActionName = keyof typeof actions;

/** The `uses:` value for a catalogued action: `owner/repo@<sha>`. */
export function actionRef(name: ActionName): string {
  const pin = actions[name];
  return `${pin.repo}@${pin.sha}`;
}

/** Looks a `uses:` value up in the catalog (the generator's comment, the check's allow-list). */
export function findPin(ref: string): ActionPin | undefined {
  return Object.values(actions).find((pin) => `${pin.repo}@${pin.sha}` === ref);
}
