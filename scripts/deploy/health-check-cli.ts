/** npm run health:check -- --url <base> [--expect-version <sha>] [--deadline 25s] — see --help. */
import { parseArgs } from "node:util";
import { fromEnv, parseDuration, runCli, UsageError } from "./cli-support";
import { appendSummary, setOutput } from "./github-io";
import { describePoll, pollHealth, versionOverrideHeader } from "./health-poll";

const help = `Usage: npm run health:check -- --url <url> [options]

Polls GET <url>/api/health until it reports healthy or the deadline passes: retries with backoff,
a per-request timeout, the body validated by the app's healthResponseSchema, and HTTP 200,
status "ok", a reachable database, no pending migrations and (optionally) the expected version
required. Prints one line per attempt and a one-line reason on failure; exit 1 when unhealthy.

Options:
  --url <url>                    deployment base URL (or the full health URL) (env HEALTH_URL)
  --expect-version <sha>         commit SHA /api/health must report (env HEALTH_EXPECT_VERSION)
  --deadline <duration>          overall deadline (default 25s, so a bad version fails the step within 30 s)
  --request-timeout <duration>   per-request timeout (default 5s)
  --version-override <worker>=<version-id>
                                 send Cloudflare-Workers-Version-Overrides to reach a version that is in
                                 the current deployment but not serving (pre-promotion check)
  -h, --help                     show this help`;

await runCli(help, async () => {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      "expect-version": { type: "string" },
      deadline: { type: "string", default: "25s" },
      "request-timeout": { type: "string", default: "5s" },
      "version-override": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  values.url ??= fromEnv("HEALTH_URL");
  values["expect-version"] ??= fromEnv("HEALTH_EXPECT_VERSION");
  if (values.url === undefined) throw new UsageError("--url is required");
  if (!URL.canParse(values.url))
    throw new UsageError(`--url: invalid URL "${values.url}"`);
  let headers: Record<string, string> = {};
  if (values["version-override"] !== undefined) {
    const [worker, version] = values["version-override"].split("=");
    if (!worker || !version)
      throw new UsageError(
        `--version-override: expected <worker>=<version-id>, got "${values["version-override"]}"`,
      );
    headers = versionOverrideHeader(worker, version);
  }
  const result = await pollHealth({
    url: values.url,
    expected: { version: values["expect-version"] },
    deadlineMs: parseDuration(values.deadline, "--deadline"),
    requestTimeoutMs: parseDuration(
      values["request-timeout"],
      "--request-timeout",
    ),
    headers,
    onAttempt: (n, verdict, ms) =>
      console.log(`  attempt ${n} at ${(ms / 1000).toFixed(1)}s: ${verdict}`),
  });
  setOutput("healthy", String(result.ok));
  appendSummary(
    `### Health check ${result.ok ? "✅" : "❌"}\n\n${describePoll(result)}\n`,
  );
  if (!result.ok) throw new Error(describePoll(result));
  console.log(describePoll(result));
  return 0;
});
