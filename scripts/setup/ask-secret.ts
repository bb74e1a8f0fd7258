/**
 * Asks for a secret on the terminal without echoing it. Without a terminal (CI, tests) there is
 * nobody to ask: the caller then names the environment variable to set instead.
 */
import type { AskSecret } from "./github/secrets";

export const askOnTerminal: AskSecret = (label) => {
  const input = process.stdin;
  if (!input.isTTY || !process.stderr.isTTY) return Promise.resolve(undefined);
  process.stderr.write(`${label} (input hidden, empty to skip): `);
  return new Promise((resolve) => {
    let value = "";
    input.setRawMode(true);
    input.resume();
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n" || char === "\u0004") {
          finish(value);
          return;
        }
        if (char === "\u0003") {
          finish(undefined);
          return;
        }
        value = char === "\u007f" ? value.slice(0, -1) : value + char;
      }
    };
    const finish = (result: string | undefined) => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write("\n");
      resolve(result === "" ? undefined : result);
    };
    input.on("data", onData);
  });
};
