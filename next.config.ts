import type { NextConfig } from "next";
import { initOpenNextCloudflareForDev } from "@opennextjs/cloudflare";
import { resolveAppVersion } from "./src/build-info/resolve-app-version";

const nextConfig: NextConfig = {
  // Inlined at build time so the worker reports the commit it was built from.
  env: { APP_VERSION: resolveAppVersion() },
  // `npm run typecheck` checks the whole repo once in its own CI job; checking
  // again here would only slow the build and fail it on non-app files.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;

// Only `next dev` needs the local bindings proxy; during `next build` it would
// start workerd for nothing.
if (process.env.NODE_ENV === "development") {
  void initOpenNextCloudflareForDev();
}
