/**
 * How to start a module the pipeline runs in a child process (the planner, the clean audit). From
 * source it is the TypeScript beside its caller, run through the preload (scripts/workflows/
 * preload.mjs) and tsx. From the package it is its own entry in dist/ (packages/pipeline/build.ts
 * emits each child as dist/<name>.js, beside the chunks this module is bundled into): plain
 * JavaScript with zod and yaml inlined, so no preload, and tsx only when the child loads the
 * adopter's TypeScript (workflows-src/). A path derived from the caller's own URL would point into
 * dist/ without the sources, so both cases are decided here, once.
 */
import { fileURLToPath } from "node:url";

/** Whether this module runs from the bundle (dist/*.js) rather than from its .ts source. */
export const BUNDLED = import.meta.url.endsWith(".js");

const TSX = import.meta.resolve("tsx");

export interface ChildModule {
  /** The TS source, relative to the caller: `new URL("./plan-child.ts", import.meta.url)`. */
  readonly source: URL;
  /** The bundled entry's name in dist/ (build.ts's CHILD_ENTRIES). */
  readonly name: string;
  /** The preload URL with its query (`new URL("./preload.mjs?zod", import.meta.url)`). */
  readonly preload: URL;
  /** Whether the child imports the adopter's TypeScript. */
  readonly loadsTypeScript: boolean;
}

/** The node arguments that start the child: loader flags, then the module's path. */
export function childArgs(child: ChildModule): string[] {
  if (!BUNDLED) {
    return [
      "--import",
      child.preload.href,
      "--import",
      TSX,
      fileURLToPath(child.source),
    ];
  }
  const entry = fileURLToPath(new URL(`./${child.name}.js`, import.meta.url));
  return child.loadsTypeScript ? ["--import", TSX, entry] : [entry];
}
