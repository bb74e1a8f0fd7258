/**
 * What `init` reads from an existing repository, as plain data: package.json, which lockfile (so
 * which manager), the wrangler config (jsonc/json through jsonc-parser; toml is converted by
 * wrangler-toml.ts),
 * its migrations and bindings, the workflows already there, and the hook and format tooling.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, type ParseError } from "jsonc-parser";
import { findWranglerFile } from "../cli/wrangler-config-file";
import {
  PACKAGE_MANAGERS,
  packageManagers,
  type PackageManager,
} from "../../workflows-src/builders/package-manager";

export interface PackageJson {
  readonly name?: string;
  readonly packageManager?: string;
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly "lint-staged"?: unknown;
  readonly "simple-git-hooks"?: unknown;
}

/** The wrangler keys init reads (top level; env blocks are what it writes). */
export interface WranglerConfig {
  readonly name?: string;
  readonly d1_databases?: readonly Record<string, unknown>[];
  readonly r2_buckets?: readonly Record<string, unknown>[];
  readonly kv_namespaces?: readonly Record<string, unknown>[];
  readonly durable_objects?: {
    readonly bindings?: readonly Record<string, unknown>[];
  };
  readonly services?: readonly Record<string, unknown>[];
  readonly vars?: Record<string, unknown>;
  readonly migrations?: readonly unknown[];
  readonly env?: Record<string, Record<string, unknown>>;
}

export interface RepositoryFacts {
  readonly root: string;
  readonly packageJsonText: string;
  readonly packageJson: PackageJson;
  /** Managers whose lockfile is committed (one, normally). */
  readonly lockfiles: readonly PackageManager[];
  /** The wrangler config file found, its text and data (undefined data: toml, which init converts). */
  readonly wrangler:
    | {
        readonly file: string;
        readonly text: string;
        readonly config?: WranglerConfig;
      }
    | undefined;
  /** Workflow files under .github/workflows/ (names). */
  readonly workflows: readonly string[];
  readonly exists: (file: string) => boolean;
  readonly read: (file: string) => string | undefined;
}

function reader(root: string) {
  return (file: string): string | undefined => {
    try {
      return readFileSync(path.join(root, file), "utf8");
    } catch {
      return undefined;
    }
  };
}

/** A JSON-with-comments document; one line naming the file and the first error when it is broken. */
export function parseJsonc<T>(file: string, text: string): T {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true }) as T;
  const first = errors[0];
  if (first) {
    const line = text.slice(0, first.offset).split("\n").length;
    throw new Error(
      `${file}:${line}: not valid JSON with comments — fix it, then run init again`,
    );
  }
  return value;
}

export function readRepository(root: string): RepositoryFacts {
  const read = reader(root);
  const exists = (file: string) => existsSync(path.join(root, file));
  const packageJsonText = read("package.json");
  if (packageJsonText === undefined)
    throw new Error(
      `${root}: no package.json — run init at the root of the application's repository`,
    );
  const packageJson = parseJsonc<PackageJson>("package.json", packageJsonText);
  const lockfiles = PACKAGE_MANAGERS.filter((m) =>
    exists(packageManagers[m].lockfile),
  );
  const wranglerFile = findWranglerFile(exists);
  const wranglerText = wranglerFile ? (read(wranglerFile) ?? "") : "";
  const wrangler = wranglerFile
    ? {
        file: wranglerFile,
        text: wranglerText,
        ...(wranglerFile.endsWith(".toml")
          ? {}
          : { config: parseJsonc<WranglerConfig>(wranglerFile, wranglerText) }),
      }
    : undefined;
  let workflows: string[];
  try {
    workflows = readdirSync(path.join(root, ".github/workflows"))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort();
  } catch {
    workflows = [];
  }
  return {
    root,
    packageJsonText,
    packageJson,
    lockfiles,
    wrangler,
    workflows,
    exists,
    read,
  };
}
