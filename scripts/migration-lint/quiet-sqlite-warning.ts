/**
 * node:sqlite still prints a one-time ExperimentalWarning on Node 22. Imported first by the CLIs,
 * this drops that one warning (it would break "bad input prints one line") and keeps all others.
 */
const defaults = process.listeners("warning");
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (warning.name === "ExperimentalWarning" && /SQLite/i.test(warning.message))
    return;
  for (const listener of defaults) listener(warning);
});
