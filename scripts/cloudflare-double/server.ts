/**
 * The Cloudflare API double: one node:http server that answers
 * - `/client/v4/…` — Cloudflare's API as wrangler calls it (resources/*), token checked first;
 * - `/__double/…` — the control API (control.ts);
 * - `*.workers.dev` traffic — via CONNECT (HTTPS proxy), absolute-form proxy requests, or a
 *   workers.dev Host header — as the version Cloudflare would route it to (traffic/*).
 * Anything else is answered with an error naming its method and path.
 */
import { once } from "node:events";
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { ApiError, CODES, failure } from "./envelope";
import { controlRoutes } from "./control";
import { allows } from "./permissions";
import { d1DatabaseRoutes } from "./resources/d1-databases";
import { d1ExportDownloadRoutes, d1ExportRoutes } from "./resources/d1-export";
import { d1ImportRoutes, d1ImportUploadRoutes } from "./resources/d1-import";
import { d1QueryRoutes } from "./resources/d1-query";
import { d1TimeTravelRoutes } from "./resources/d1-time-travel";
import { kvNamespaceRoutes } from "./resources/kv-namespaces";
import { r2BucketRoutes } from "./resources/r2-buckets";
import { tokenRoutes } from "./resources/user-tokens";
import { assetRoutes } from "./resources/workers-assets";
import { deploymentRoutes } from "./resources/workers-deployments";
import {
  accountSubdomainRoutes,
  scriptRoutes,
  scriptSettingsRoutes,
} from "./resources/workers-scripts";
import { workerRoutes } from "./resources/workers-workers";
import { secretRoutes } from "./resources/workers-secrets";
import { versionRoutes } from "./resources/workers-versions";
import {
  findRoute,
  type Reply,
  type RequestRecord,
  type Route,
} from "./router";
import { DoubleState, type StateOptions } from "./state";
import { createCertificateAuthority } from "./traffic/certs";
import { attachProxy } from "./traffic/proxy";
import { isWorkersDev, serveTraffic } from "./traffic/serve-traffic";

export const API_BASE = "/client/v4";

const apiRoutes: readonly Route[] = [
  ...tokenRoutes,
  ...accountSubdomainRoutes,
  ...scriptRoutes,
  ...scriptSettingsRoutes,
  ...workerRoutes,
  ...versionRoutes,
  ...secretRoutes,
  ...deploymentRoutes,
  ...assetRoutes,
  ...d1DatabaseRoutes,
  ...d1QueryRoutes,
  ...d1TimeTravelRoutes,
  ...r2BucketRoutes,
  ...kvNamespaceRoutes,
  ...d1ExportRoutes,
  ...d1ImportRoutes,
];

export interface DoubleServer {
  readonly url: string;
  readonly port: number;
  readonly apiBaseUrl: string;
  /** PEM file of the CA that signed the workers.dev certificates. */
  readonly caFile: string;
  readonly state: DoubleState;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, reply: Reply): void {
  if ("json" in reply) {
    res.writeHead(reply.status ?? 200, { "content-type": "application/json" });
    res.end(JSON.stringify(reply.json));
  } else {
    res.writeHead(reply.status ?? 200, {
      ...reply.headers,
      "content-type": reply.contentType ?? "text/plain",
    });
    res.end(reply.text);
  }
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

export async function startDoubleServer(
  options: StateOptions & { readonly port?: number; readonly host?: string },
): Promise<DoubleServer> {
  const state = new DoubleState(options);
  const ca = createCertificateAuthority(join(options.dir, "tls"));
  const requests: RequestRecord[] = [];

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const raw = req.url ?? "/";
    // Absolute-form: a client using the double as a plain HTTP proxy.
    const absolute = /^https?:\/\//i.test(raw) ? new URL(raw) : undefined;
    const host = absolute?.host ?? req.headers.host ?? "";
    if (isWorkersDev(host)) {
      serveTraffic(state, host, req, res);
      return;
    }
    const url = new URL(
      absolute ? absolute.pathname + absolute.search : raw,
      "http://double",
    );
    const method = req.method ?? "GET";
    const isControl =
      url.pathname === "/__double" || url.pathname.startsWith("/__double/");
    const isApi = url.pathname.startsWith(`${API_BASE}/`);
    const path = isApi ? url.pathname.slice(API_BASE.length) : url.pathname;
    let reply: Reply;
    let code: number | undefined;
    try {
      if (!isControl && !isApi)
        throw new ApiError(
          404,
          CODES.noRoute,
          `cloudflare-double: no handler for ${method} ${url.pathname} — the API lives under ${API_BASE}`,
        );
      if (isApi) {
        const token = bearer(req);
        const permissions =
          token === undefined ? undefined : state.tokens.get(token);
        if (permissions !== undefined && !allows(permissions, method, path))
          throw new ApiError(403, CODES.authentication, "Authentication error");
        if (token === undefined || permissions === undefined)
          throw path === "/user/tokens/verify"
            ? // GET /user/tokens/verify answers an unknown token with 1000 (wrangler's whoami
              // then treats it as an account token and asks on).
              new ApiError(401, 1000, "Invalid API Token")
            : new ApiError(403, CODES.authentication, "Authentication error");
      }
      const { route: found, params } = findRoute(
        isControl
          ? [
              ...controlRoutes,
              ...d1ExportDownloadRoutes,
              ...d1ImportUploadRoutes,
            ]
          : apiRoutes,
        method,
        path,
      );
      const body = await readBody(req);
      reply = await found.handler({
        method,
        path,
        query: url.searchParams,
        params,
        headers: req.headers,
        body,
        state,
        requests,
      });
    } catch (error) {
      if (error instanceof ApiError) {
        code = error.code;
        reply = {
          status: error.status,
          json: failure([{ code: error.code, message: error.message }]),
        };
      } else {
        code = 10013;
        reply = {
          status: 500,
          json: failure([
            {
              code: 10013,
              message: `cloudflare-double: ${method} ${path} crashed: ${(error as Error).stack ?? String(error)}`,
            },
          ]),
        };
      }
    }
    if (!isControl)
      requests.push({
        method,
        path,
        status: reply.status ?? 200,
        ...(code === undefined ? {} : { code }),
      });
    send(res, reply);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  };
  // Node closes an idle keep-alive socket after 5 s while fetch (undici) reuses it until 4 s: on a
  // loaded machine the two timers cross and a request goes out on a socket the server is closing
  // ("other side closed" in the incident drill). A long server timeout leaves closing to the client
  // — longer than any test blocks its event loop (the adopter fixture's spawnSync of a release at
  // load ~11 outlived 120 s), and equal to undici's own cap on a server's hint (600 s).
  const server = createServer({ keepAliveTimeout: 600_000 }, onRequest);
  attachProxy(server, ca, onRequest);
  server.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    apiBaseUrl: `${url}${API_BASE}`,
    caFile: ca.caFile,
    state,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      state.d1.close();
    },
  };
}
