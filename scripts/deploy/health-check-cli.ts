/** npm run health:check -- --url <base> [--expect-version <sha>] [--deadline 25s] — see --help. */
import { healthCheckContract } from "../../workflows-src/contracts";
import { defineCli, runMain, UsageError } from "../cli/define-cli";
import { parseDuration } from "./cli-support";
import { appendSummary } from "./github-io";
import { describePoll, pollHealth, versionOverrideHeader } from "./health-poll";

const cli = defineCli({
  usage: "npm run health:check -- --url <url> [options]",
  description: `Polls GET <url>/api/health until it reports healthy or the deadline passes: retries with backoff,
a per-request timeout, the body validated by the app's healthResponseSchema, and HTTP 200,
status "ok", a reachable database, no pending migrations and (optionally) the expected version
required. Prints one line per attempt and a one-line reason on failure; exit 1 when unhealthy.
Outputs: ${healthCheckContract.outputs.join(", ")}.`,
  contract: healthCheckContract,
  options: {
    url: {
      type: "string",
      value: "<url>",
      description: "deployment base URL (or the full health URL)",
      envVar: "HEALTH_URL",
    },
    "expect-version": {
      type: "string",
      value: "<sha>",
      description: "commit SHA /api/health must report",
      envVar: "HEALTH_EXPECT_VERSION",
    },
    deadline: {
      type: "string",
      value: "<duration>",
      default: "25s",
      description:
        "overall deadline (default 25s, so a bad version fails the step within 30 s)",
    },
    "request-timeout": {
      type: "string",
      value: "<duration>",
      default: "5s",
      description: "per-request timeout",
    },
    "version-override": {
      type: "string",
      value: "<worker>=<version-id>",
      description:
        "send Cloudflare-Workers-Version-Overrides to reach a version that is in\nthe current deployment but not serving (pre-promotion check)",
    },
  },
  run: async ({ values, setOutputs }) => {
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
    setOutputs({ healthy: String(result.ok) });
    appendSummary(
      `### Health check ${result.ok ? "✅" : "❌"}\n\n${describePoll(result)}\n`,
    );
    if (!result.ok) throw new Error(describePoll(result));
    console.log(describePoll(result));
    return 0;
  },
});

await runMain(cli);
