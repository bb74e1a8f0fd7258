/**
 * Answers requests addressed to `*.workers.dev` — arriving through the CONNECT tunnel (HTTPS
 * proxy), as absolute-form proxy requests, or directly with such a Host header — as the version
 * Cloudflare would route them to.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DoubleState } from "../state";
import { resolveVersion } from "./resolve-version";
import { synthesizeHealth } from "./synthesize-health";
import { synthesizeNotes } from "./synthesize-notes";

export const VERSION_OVERRIDE_HEADER = "cloudflare-workers-version-overrides";

export function isWorkersDev(host: string): boolean {
  return /\.workers\.dev(:\d+)?$/i.test(host);
}

export function serveTraffic(
  state: DoubleState,
  host: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const override = req.headers[VERSION_OVERRIDE_HEADER];
  const resolved = resolveVersion(
    state,
    host,
    Array.isArray(override) ? override.join(",") : override,
  );
  if (!resolved.ok) {
    res.writeHead(resolved.status, { "content-type": "text/plain" });
    res.end(`${resolved.reason}\n`);
    return;
  }
  const { worker, version, via } = resolved;
  const path = new URL(req.url ?? "/", "http://x").pathname;
  const headers = {
    "cache-control": "no-store",
    "x-cf-double-version": version.id,
    "x-cf-double-via": via,
  };
  if (version.routes !== undefined) {
    // An app without our health route: the paths its marker declares, a scripted failure as 503.
    const mode = state.health.get(version.id) ?? version.health;
    const failing =
      mode === "unhealthy" ||
      (mode === "unhealthy-on-public" && via === "public");
    const answer = version.routes[path];
    const status = answer === undefined ? 404 : failing ? 503 : answer.status;
    res.writeHead(status, {
      ...headers,
      "content-type": "text/plain",
      ...(answer?.location === undefined || failing
        ? {}
        : { location: answer.location }),
    });
    res.end(`cloudflare-double: ${worker.name} ${path} → ${status}\n`);
    return;
  }
  if (path === "/api/health") {
    const answer = synthesizeHealth(state, version, via);
    res.writeHead(answer.status, {
      ...headers,
      "content-type": "application/json",
    });
    res.end(JSON.stringify(answer.body));
    return;
  }
  if (path === "/api/notes") {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const answer = synthesizeNotes(
        state,
        version,
        req.method ?? "GET",
        Buffer.concat(chunks).toString("utf8"),
      );
      if (answer.status === 201) state.save();
      res.writeHead(answer.status, {
        ...headers,
        "content-type": "application/json",
      });
      res.end(JSON.stringify(answer.body));
    });
    return;
  }
  res.writeHead(200, { ...headers, "content-type": "text/plain" });
  res.end(
    `cloudflare-double: ${worker.name} version ${version.id} (${version.annotations["workers/tag"] ?? "untagged"}) via ${via}\n`,
  );
}
