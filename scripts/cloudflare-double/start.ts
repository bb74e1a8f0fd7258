/**
 * startCloudflareDouble(): spawns cli.ts as a child process (its own process group), waits for its
 * JSON line, and returns the env to hand to wrangler and the deploy CLIs, a control-API client,
 * and stop() — which ends that child by its PID. For tests, scenarios and `npm run setup`
 * rehearsals alike.
 */
import { signalGroup } from "../cli/process-group";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const CLI = fileURLToPath(new URL("./cli.ts", import.meta.url));
const TSX = fileURLToPath(
  new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url),
);

const readySchema = z.object({
  url: z.string(),
  apiBaseUrl: z.string(),
  caFile: z.string(),
  accountId: z.string(),
  token: z.string(),
  pid: z.number(),
  port: z.number(),
  state: z.string(),
  subdomain: z.string().nullable(),
  env: z.record(z.string(), z.string()),
});
export type DoubleInfo = z.infer<typeof readySchema>;

export interface StartOptions {
  readonly stateDir?: string;
  readonly port?: number;
  readonly accountId?: string;
  readonly token?: string;
  /** Default "example" (the placeholder in workflows-src/environments.ts); null for none. */
  readonly subdomain?: string | null;
  /** Databases to create at start: name, and the uuid a wrangler config names as database_id. */
  readonly d1?: readonly { readonly name: string; readonly uuid?: string }[];
  readonly startTimeoutMs?: number;
}

export interface CloudflareDouble extends DoubleInfo {
  /** Calls the control API (see README.md): `control("PUT", "/__double/subdomain", {...})`. */
  control<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T>;
  /**
   * GET a workers.dev URL as the double serves it, without the proxy: the request goes straight
   * to the double with the URL's host in the Host header. For assertions in this process.
   */
  traffic(
    url: string,
    headers?: Readonly<Record<string, string>>,
    /** A JSON body to POST instead of a GET (e.g. a note to /api/notes). */
    post?: string,
  ): Promise<{ status: number; body: string; version: string | undefined }>;
  stop(): Promise<void>;
}

export async function startCloudflareDouble(
  options: StartOptions = {},
): Promise<CloudflareDouble> {
  const args = [
    "--import",
    TSX,
    "--no-warnings=ExperimentalWarning",
    CLI,
    "--port",
    String(options.port ?? 0),
    "--parent-pid",
    String(process.pid),
  ];
  if (options.stateDir !== undefined) args.push("--state", options.stateDir);
  if (options.accountId !== undefined)
    args.push("--account-id", options.accountId);
  if (options.token !== undefined) args.push("--token", options.token);
  if (options.subdomain !== undefined)
    args.push("--subdomain", options.subdomain ?? "none");
  const d1 = (options.d1 ?? []).map((db) =>
    db.uuid === undefined ? db.name : `${db.name}:${db.uuid}`,
  );
  if (d1.length > 0) args.push("--d1", d1.join(","));
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const stop = async () => {
    if (
      child.exitCode !== null ||
      child.signalCode !== null ||
      child.pid === undefined
    )
      return;
    const exited = once(child, "exit");
    signalGroup(child.pid, "SIGTERM");
    await exited;
  };
  const lines = createInterface({ input: child.stdout });
  const timeout = options.startTimeoutMs ?? 20_000;
  const first = await Promise.race([
    once(lines, "line").then(([line]) => line as string),
    once(child, "exit").then(() => undefined),
    sleep(timeout, undefined, { ref: false }),
  ]);
  if (first === undefined) {
    await stop();
    throw new Error(
      `cloudflare-double did not start within ${timeout / 1000}s: ${stderr.trim().split("\n").at(-1) ?? "no output"}`,
    );
  }
  const info = readySchema.parse(JSON.parse(first));
  return {
    ...info,
    async control<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${info.url}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : {
              body: JSON.stringify(body),
              headers: { "content-type": "application/json" },
            }),
      });
      const json = (await response.json()) as unknown;
      if (!response.ok)
        throw new Error(
          `cloudflare-double control ${method} ${path}: HTTP ${response.status} ${JSON.stringify(json)}`,
        );
      return json as T;
    },
    traffic(url, headers = {}, post) {
      const target = new URL(url);
      return new Promise((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: info.port,
            path: target.pathname + target.search,
            method: post === undefined ? "GET" : "POST",
            headers: {
              ...headers,
              host: target.host,
              ...(post === undefined
                ? {}
                : { "content-type": "application/json" }),
            },
          },
          (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => (body += chunk));
            res.on("end", () => {
              const version = res.headers["x-cf-double-version"];
              resolve({
                status: res.statusCode ?? 0,
                body,
                version: typeof version === "string" ? version : undefined,
              });
            });
          },
        );
        req.on("error", reject);
        req.end(post);
      });
    },
    stop,
  };
}
