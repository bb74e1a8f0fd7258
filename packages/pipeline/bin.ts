/**
 * `typed-cicd <command> [args]`: the bin adopters' package.json scripts call (through
 * bin/typed-cicd.js, the file npm links). Resolves the command
 * (commands.ts), then imports the CLI it wraps with the command name removed from process.argv, so
 * the CLI parses exactly the arguments a `npm run <script> -- …` would give it.
 */
import { CLI_MODULES } from "./cli-modules";
import { resolveCommand } from "./commands";

const resolved = resolveCommand(process.argv.slice(2));
if (resolved.kind === "help") {
  process.stdout.write(resolved.text);
} else if (resolved.kind === "fail") {
  console.error(resolved.message);
  process.exitCode = resolved.code;
} else {
  process.argv.splice(2, Infinity, ...resolved.argv);
  // The launcher (bin/typed-cicd.js) registered tsx already when it runs these sources.
  if (
    resolved.command.loadsTypeScript &&
    !(globalThis as Record<symbol, unknown>)[Symbol.for("typed-cicd.tsx")]
  ) {
    // The adopter's workflows-src/*.ts are imported in this process too (pipeline.config.ts,
    // environments.ts).
    const { register } = await import("tsx/esm/api");
    register();
  }
  await CLI_MODULES[resolved.name]();
}
