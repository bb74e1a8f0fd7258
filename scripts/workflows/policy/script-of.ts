import { child, literal, type Node } from "./yaml-tree";

/**
 * The package.json script a `run:` step runs (`npm run X`, `pnpm run X`), if it is that simple.
 * Which manager's form a checkout may use is judged by judgeRun (npm-scripts.ts), not here.
 */
export function scriptOf(step: Node | null | undefined): string | undefined {
  const run = literal(child(step, "run"))?.trim();
  return run === undefined
    ? undefined
    : /^(?:npm|pnpm) run (\S+)$/.exec(run)?.[1];
}
