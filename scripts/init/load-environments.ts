/**
 * A repository's workflows-src/environments.ts, imported from disk at run time: the guestbook's
 * from source, an adopter's through tsx from the bundled bin. The package ships only the model
 * (builders/environment-model.ts), so there is no other set of values to fall back on. Kept apart
 * from adopter-definitions.ts so a deploy CLI loads the environments without the builders.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type {
  Environment,
  Environments,
  PreviewEnvironment,
} from "../../workflows-src/builders/environment-model";

export const ENVIRONMENTS_FILE = "workflows-src/environments.ts";

/** A fresh import each time (a second init in one process sees edits made since the first). */
export async function importFresh(
  root: string,
  file: string,
): Promise<unknown> {
  const url = pathToFileURL(path.join(root, file)).href;
  return import(`${url}?t=${Date.now()}`);
}

export interface EnvironmentsModule {
  readonly environments: Environments;
  /** Pull-request previews, when the repository has them (this one does; init writes none). */
  readonly preview?: PreviewEnvironment;
}

export async function loadEnvironmentsModule(
  root: string,
): Promise<EnvironmentsModule> {
  const loaded = (await importFresh(
    root,
    ENVIRONMENTS_FILE,
  )) as Partial<EnvironmentsModule>;
  if (!loaded.environments)
    throw new Error(
      `${ENVIRONMENTS_FILE}: no \`environments\` export — export const environments = parseEnvironments({ … })`,
    );
  return {
    environments: loaded.environments,
    ...(loaded.preview === undefined ? {} : { preview: loaded.preview }),
  };
}

export async function loadEnvironments(root: string): Promise<Environments> {
  return (await loadEnvironmentsModule(root)).environments;
}

/** The environment called `name`, or a one-line error naming the ones there are. */
export function environmentNamed(
  environments: Environments,
  name: string,
): Environment {
  const found = Object.values(environments).find((env) => env.name === name);
  if (found === undefined)
    throw new Error(
      `${ENVIRONMENTS_FILE}: unknown environment "${name}" — use one of ${Object.values(
        environments,
      )
        .map((env) => env.name)
        .join(", ")}`,
    );
  return found;
}
