import { execFileSync } from "node:child_process";

/**
 * The version baked into the build: APP_VERSION if set, else the commit SHA of
 * HEAD, else "dev". Build-time only (uses git); the E2E suite calls it too so it
 * expects exactly what the build used.
 */
export function resolveAppVersion(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): string {
  const fromEnv = env.APP_VERSION?.trim();
  if (fromEnv) return fromEnv;
  try {
    const sha = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return sha || "dev";
  } catch {
    return "dev";
  }
}
