import { mkdirSync, writeFileSync } from "node:fs";
import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { initOpenNextCloudflareForDev } from "@opennextjs/cloudflare";
import { resolveAppVersion } from "./src/build-info/resolve-app-version";

/** Where a production build records the version it baked in (read by the E2E suite). */
const BUILT_VERSION_FILE = ".open-next/app-version.txt";

export default function nextConfig(phase: string): NextConfig {
  const version = resolveAppVersion();
  if (phase === PHASE_PRODUCTION_BUILD) {
    // OpenNext empties .open-next before it runs `next build`, so this file
    // belongs to the worker bundle produced by the same build.
    mkdirSync(".open-next", { recursive: true });
    writeFileSync(BUILT_VERSION_FILE, `${version}\n`);
  }
  return {
    // Inlined at build time so the worker reports the commit it was built from.
    env: { APP_VERSION: version },
    // `npm run typecheck` checks the whole repo once in its own CI job; checking
    // again here would only slow the build and fail it on non-app files.
    typescript: { ignoreBuildErrors: true },
    // Turbopack writes its build cache (~32 MB, ~10 s under load) for the next build to reuse; no
    // CI build restores .next/cache (each runner starts clean), so there it is only spent time.
    experimental: { turbopackFileSystemCacheForBuild: !process.env["CI"] },
  };
}

// Only `next dev` needs the local bindings proxy; during `next build` it would
// start workerd for nothing.
if (process.env.NODE_ENV === "development") {
  void initOpenNextCloudflareForDev();
}
