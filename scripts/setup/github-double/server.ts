/**
 * A GitHub REST API double that the real Octokit talks to (baseUrl / GITHUB_API_URL =
 * http://127.0.0.1:PORT). It keeps state, answers with the documented shapes and errors, and
 * refuses any route it does not know with 501 naming the method and path, so a new call in the
 * client shows up as a clear test failure. Only what `npm run setup` uses is implemented.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import sodium from "libsodium-wrappers";
import {
  createState,
  type DoubleOptions,
  type DoubleState,
  type EnvironmentState,
  type RulesetState,
} from "./state";

interface Answer {
  readonly status: number;
  readonly body?: unknown;
}

type Json = Record<string, unknown>;
type Handler = (
  match: string[],
  body: Json,
  state: DoubleState,
  query: URLSearchParams,
) => Answer;

const DOCS = "https://docs.github.com/rest";
const notFound = (message = "Not Found"): Answer => ({
  status: 404,
  body: { message, documentation_url: DOCS, status: "404" },
});
const invalid = (message: string): Answer => ({
  status: 422,
  body: { message, documentation_url: DOCS, status: "422" },
});

const now = () => new Date().toISOString();

function environmentJson(state: DoubleState, env: EnvironmentState): Json {
  const rules: Json[] = [];
  if (env.reviewers.length > 0) {
    rules.push({
      id: env.id + 1,
      node_id: `GA_${env.id}`,
      type: "required_reviewers",
      prevent_self_review: env.preventSelfReview,
      reviewers: env.reviewers.map((r) => ({
        type: r.type,
        reviewer:
          r.type === "User"
            ? { login: loginOf(state.users, r.id), id: r.id, type: "User" }
            : { slug: loginOf(state.teams, r.id).split("/")[1], id: r.id },
      })),
    });
  }
  if (env.branchPolicy) {
    rules.push({
      id: env.id + 2,
      node_id: `GB_${env.id}`,
      type: "branch_policy",
    });
  }
  return {
    id: env.id,
    node_id: `EN_${env.id}`,
    name: env.name,
    url: `https://api.github.com/repos/${state.owner}/${state.repo}/environments/${env.name}`,
    html_url: `https://github.com/${state.owner}/${state.repo}/deployments/activity_log?environments_filter=${env.name}`,
    created_at: "2026-12-01T00:00:00Z",
    updated_at: now(),
    can_admins_bypass: env.canAdminsBypass,
    protection_rules: rules,
    deployment_branch_policy: env.branchPolicy,
  };
}

function loginOf(map: Map<string, number>, id: number): string {
  return [...map].find(([, value]) => value === id)?.[0] ?? "ghost";
}

function rulesetJson(state: DoubleState, r: RulesetState): Json {
  return {
    ...r,
    source_type: "Repository",
    source: `${state.owner}/${state.repo}`,
    node_id: `RRS_${r.id}`,
    created_at: "2026-12-01T00:00:00Z",
    updated_at: now(),
  };
}

/** GitHub's answer to a feature the repository's plan and visibility do not include. */
const plansRefused: Answer = {
  status: 403,
  body: {
    message:
      "Upgrade to GitHub Pro or make this repository public to enable this feature.",
    documentation_url: DOCS,
    status: "403",
  },
};

const KNOWN_RULES = new Set([
  "deletion",
  "non_fast_forward",
  "pull_request",
  "required_status_checks",
]);

function writeRuleset(state: DoubleState, id: number, body: Json): Answer {
  if (!state.rulesetsSupported) return plansRefused;
  const rules = Array.isArray(body["rules"]) ? (body["rules"] as Json[]) : [];
  const unknown = rules.find((rule) => !KNOWN_RULES.has(String(rule["type"])));
  if (unknown) return invalid(`Invalid rule '${String(unknown["type"])}'`);
  const ruleset: RulesetState = {
    id,
    name: String(body["name"]),
    target: String(body["target"] ?? "branch"),
    enforcement: String(body["enforcement"]),
    bypass_actors: (body["bypass_actors"] as unknown[] | undefined) ?? [],
    conditions: body["conditions"] ?? null,
    rules,
  };
  state.rulesets.set(id, ruleset);
  return { status: 200, body: rulesetJson(state, ruleset) };
}

/**
 * List pull requests: `state` open (default) | closed | all, `per_page` 30 by default and at most
 * 100, `page` from 1; newest first as GitHub sorts by created descending.
 * @see https://docs.github.com/en/rest/pulls/pulls#list-pull-requests
 */
function listPulls(state: DoubleState, query: URLSearchParams): Answer {
  const wanted = query.get("state") ?? "open";
  if (!["open", "closed", "all"].includes(wanted))
    return invalid(`Validation Failed: state ${wanted}`);
  const perPage = Math.min(Number(query.get("per_page") ?? 30) || 30, 100);
  const page = Math.max(Number(query.get("page") ?? 1) || 1, 1);
  const matching = [...state.pulls]
    .filter((pr) => wanted === "all" || pr.state === wanted)
    .sort((a, b) => b.number - a.number);
  return {
    status: 200,
    body: matching.slice((page - 1) * perPage, page * perPage).map((pr) => ({
      url: `https://api.github.com/repos/${state.owner}/${state.repo}/pulls/${pr.number}`,
      number: pr.number,
      state: pr.state,
      draft: false,
      head: {
        ref: `feature-${pr.number}`,
        repo: { full_name: `${state.owner}/${state.repo}` },
      },
      base: { ref: "develop" },
    })),
  };
}

const routes: [string, RegExp, Handler][] = [
  // List pull requests (the preview sweep)
  [
    "GET",
    /^\/repos\/[^/]+\/[^/]+\/pulls$/,
    (_m, _b, s, query) => listPulls(s, query),
  ],
  // Get a repository
  [
    "GET",
    /^\/repos\/([^/]+)\/([^/]+)$/,
    (_m, _b, s) => ({
      status: 200,
      body: {
        id: 1,
        name: s.repo,
        full_name: `${s.owner}/${s.repo}`,
        owner: { login: s.owner, type: "Organization" },
        private: s.private,
        visibility: s.private ? "private" : "public",
        default_branch: "main",
      },
    }),
  ],
  // Get a branch
  [
    "GET",
    /^\/repos\/[^/]+\/[^/]+\/branches\/(.+)$/,
    ([branch = ""], _b, s) => {
      const sha = s.branches.get(branch);
      return sha
        ? {
            status: 200,
            body: { name: branch, commit: { sha }, protected: false },
          }
        : notFound("Branch not found");
    },
  ],
  // Get a reference (Octokit sends "heads/main" as one encoded segment: heads%2Fmain)
  [
    "GET",
    /^\/repos\/[^/]+\/[^/]+\/git\/ref\/heads(?:\/|%2F)(.+)$/i,
    ([branch = ""], _b, s) => {
      const sha = s.branches.get(branch);
      return sha
        ? {
            status: 200,
            body: {
              ref: `refs/heads/${branch}`,
              object: { sha, type: "commit" },
            },
          }
        : notFound();
    },
  ],
  // Create a reference
  [
    "POST",
    /^\/repos\/[^/]+\/[^/]+\/git\/refs$/,
    (_m, body, s) => {
      const branch = String(body["ref"]).replace(/^refs\/heads\//, "");
      if (s.branches.has(branch)) return invalid("Reference already exists");
      s.branches.set(branch, String(body["sha"]));
      return {
        status: 201,
        body: {
          ref: body["ref"],
          object: { sha: body["sha"], type: "commit" },
        },
      };
    },
  ],
  // Get a user
  [
    "GET",
    /^\/users\/([^/]+)$/,
    ([login = ""], _b, s) => {
      const id = s.users.get(login.toLowerCase());
      return id
        ? { status: 200, body: { login, id, type: "User" } }
        : notFound();
    },
  ],
  // Get a team by name
  [
    "GET",
    /^\/orgs\/([^/]+)\/teams\/([^/]+)$/,
    ([org = "", slug = ""], _b, s) => {
      const id = s.teams.get(`${org}/${slug}`.toLowerCase());
      return id ? { status: 200, body: { id, slug, name: slug } } : notFound();
    },
  ],
  // Get an environment
  [
    "GET",
    /^\/repos\/[^/]+\/[^/]+\/environments\/([^/]+)$/,
    ([name = ""], _b, s) => {
      const env = s.environments.get(name);
      return env ? { status: 200, body: environmentJson(s, env) } : notFound();
    },
  ],
  // Create or update an environment
  [
    "PUT",
    /^\/repos\/[^/]+\/[^/]+\/environments\/([^/]+)$/,
    ([name = ""], body, s) => {
      // docs.github.com "Managing environments for deployment": environments in private
      // repositories need GitHub Pro, Team or Enterprise (the response shape is modelled).
      if (!s.environmentsSupported) return plansRefused;
      const reviewers =
        (body["reviewers"] as
          { type: "User" | "Team"; id: number }[] | null | undefined) ?? [];
      const policy =
        (body["deployment_branch_policy"] as
          EnvironmentState["branchPolicy"] | undefined) ?? null;
      if (reviewers.length > 0 && !s.reviewersSupported) {
        return invalid(
          "Failed to create the environment protection rule. Please ensure the billing plan supports the required reviewers protection rule.",
        );
      }
      if (body["prevent_self_review"] === true && reviewers.length === 0) {
        return invalid(
          "Failed to create or update the environment protection rule. Required reviewers must have at least one reviewer to set prevent_self_review.",
        );
      }
      if (
        policy &&
        policy.protected_branches === policy.custom_branch_policies
      ) {
        return invalid(
          "Invalid deployment_branch_policy: protected_branches and custom_branch_policies cannot have the same value",
        );
      }
      for (const r of reviewers) {
        const known =
          r.type === "User" ? [...s.users.values()] : [...s.teams.values()];
        if (!known.includes(r.id))
          return invalid(`Reviewer ${r.type} ${r.id} not found`);
      }
      const existing = s.environments.get(name);
      const env: EnvironmentState = existing ?? {
        id: s.nextId++ * 10,
        name,
        canAdminsBypass: true,
        preventSelfReview: false,
        reviewers: [],
        branchPolicy: null,
        policies: [],
        secrets: new Map(),
      };
      // PUT replaces the protection rules it describes (not confirmed for omitted fields on github.com).
      env.reviewers = reviewers.map((r) => ({ type: r.type, id: r.id }));
      env.preventSelfReview = body["prevent_self_review"] === true;
      env.branchPolicy = policy;
      if (!policy?.custom_branch_policies) env.policies = [];
      if (typeof body["can_admins_bypass"] === "boolean")
        env.canAdminsBypass = body["can_admins_bypass"];
      s.environments.set(name, env);
      return { status: 200, body: environmentJson(s, env) };
    },
  ],
  // List deployment branch policies
  [
    "GET",
    /^\/repos\/[^/]+\/[^/]+\/environments\/([^/]+)\/deployment-branch-policies$/,
    ([name = ""], _b, s) => {
      const env = s.environments.get(name);
      if (!env) return notFound();
      return {
        status: 200,
        body: {
          total_count: env.policies.length,
          branch_policies: env.policies,
        },
      };
    },
  ],
  // Create a deployment branch policy
  [
    "POST",
    /^\/repos\/[^/]+\/[^/]+\/environments\/([^/]+)\/deployment-branch-policies$/,
    ([name = ""], body, s) => {
      const env = s.environments.get(name);
      if (!env?.branchPolicy?.custom_branch_policies) return notFound();
      const policy = {
        id: s.nextId++,
        name: String(body["name"]),
        type: String(body["type"] ?? "branch"),
      };
      env.policies.push(policy);
      return { status: 200, body: { ...policy, node_id: `DBP_${policy.id}` } };
    },
  ],
  // Delete a deployment branch policy
  [
    "DELETE",
    /^\/repos\/[^/]+\/[^/]+\/environments\/([^/]+)\/deployment-branch-policies\/(\d+)$/,
    ([name = "", id = ""], _b, s) => {
      const env = s.environments.get(name);
      if (!env) return notFound();
      env.policies = env.policies.filter((p) => p.id !== Number(id));
      return { status: 204 };
    },
  ],
  // Get an environment public key
  [
    "GET",
    /^\/repos\/[^/]+\/[^/]+\/environments\/([^/]+)\/secrets\/public-key$/,
    ([name = ""], _b, s) =>
      s.environments.has(name)
        ? {
            status: 200,
            body: {
              key_id: s.keyId,
              key: sodium.to_base64(
                s.keyPair.publicKey,
                sodium.base64_variants.ORIGINAL,
              ),
            },
          }
        : notFound(),
  ],
  // List environment secrets
  [
    "GET",
    /^\/repos\/[^/]+\/[^/]+\/environments\/([^/]+)\/secrets$/,
    ([name = ""], _b, s) => {
      const env = s.environments.get(name);
      if (!env) return notFound();
      const secrets = [...env.secrets].map(([secret, v]) => ({
        name: secret,
        created_at: v.updatedAt,
        updated_at: v.updatedAt,
      }));
      return { status: 200, body: { total_count: secrets.length, secrets } };
    },
  ],
  // Create or update an environment secret
  [
    "PUT",
    /^\/repos\/[^/]+\/[^/]+\/environments\/([^/]+)\/secrets\/([^/]+)$/,
    ([name = "", secret = ""], body, s) => {
      const env = s.environments.get(name);
      if (!env) return notFound();
      if (body["key_id"] !== s.keyId) return invalid("Bad key_id");
      let value: string;
      try {
        const sealed = sodium.from_base64(
          String(body["encrypted_value"]),
          sodium.base64_variants.ORIGINAL,
        );
        value = sodium.to_string(
          sodium.crypto_box_seal_open(
            sealed,
            s.keyPair.publicKey,
            s.keyPair.privateKey,
          ),
        );
      } catch {
        return invalid("Bad encrypted_value: not a sealed box for this key");
      }
      const created = !env.secrets.has(secret);
      env.secrets.set(secret, { value, updatedAt: now() });
      return created ? { status: 201, body: {} } : { status: 204 };
    },
  ],
  // Get all repository rulesets
  [
    "GET",
    /^\/repos\/[^/]+\/[^/]+\/rulesets$/,
    (_m, _b, s) =>
      s.rulesetsSupported
        ? {
            status: 200,
            body: [...s.rulesets.values()].map((r) => {
              const {
                rules: _r,
                conditions: _c,
                bypass_actors: _a,
                ...summary
              } = rulesetJson(s, r);
              return summary;
            }),
          }
        : plansRefused,
  ],
  // Get a repository ruleset
  [
    "GET",
    /^\/repos\/[^/]+\/[^/]+\/rulesets\/(\d+)$/,
    ([id = ""], _b, s) => {
      const r = s.rulesets.get(Number(id));
      return r ? { status: 200, body: rulesetJson(s, r) } : notFound();
    },
  ],
  // Create a repository ruleset
  [
    "POST",
    /^\/repos\/[^/]+\/[^/]+\/rulesets$/,
    (_m, body, s) => {
      const answer = writeRuleset(s, s.nextId++, body);
      return answer.status === 200 ? { ...answer, status: 201 } : answer;
    },
  ],
  // Update a repository ruleset
  [
    "PUT",
    /^\/repos\/[^/]+\/[^/]+\/rulesets\/(\d+)$/,
    ([id = ""], body, s) =>
      s.rulesets.has(Number(id))
        ? writeRuleset(s, Number(id), body)
        : notFound(),
  ],
];

async function readBody(request: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? {} : (JSON.parse(text) as Json);
}

export function answer(
  state: DoubleState,
  method: string,
  rawPath: string,
  body: Json,
  authorization: string | undefined,
): Answer {
  const path = rawPath.split("?")[0] ?? "";
  const query = new URLSearchParams(rawPath.split("?")[1] ?? "");
  state.requests.push(`${method} ${path}`);
  const token = authorization?.replace(/^(token|bearer)\s+/i, "");
  if (
    token !== undefined &&
    token === state.readOnlyToken &&
    method !== "GET"
  ) {
    return {
      status: 403,
      body: {
        message: "Resource not accessible by personal access token",
        documentation_url: DOCS,
        status: "403",
      },
    };
  }
  if (token !== state.token && token !== state.readOnlyToken) {
    return {
      status: 401,
      body: {
        message: "Bad credentials",
        documentation_url: DOCS,
        status: "401",
      },
    };
  }
  const repoPrefix = `/repos/${state.owner}/${state.repo}`;
  if (
    path.startsWith("/repos/") &&
    path !== repoPrefix &&
    !path.startsWith(`${repoPrefix}/`)
  ) {
    return notFound();
  }
  for (const [verb, pattern, handler] of routes) {
    const match = verb === method ? pattern.exec(path) : null;
    if (match)
      return handler(
        match.slice(1).map(decodeURIComponent),
        body,
        state,
        query,
      );
  }
  return {
    status: 501,
    body: {
      message: `GitHub API double: no handler for ${method} ${path}`,
      documentation_url: DOCS,
    },
  };
}

export interface GitHubDouble {
  readonly url: string;
  readonly state: DoubleState;
  close(): Promise<void>;
}

export async function startGitHubDouble(
  options: DoubleOptions = {},
): Promise<GitHubDouble> {
  const state = await createState(options);
  const server = createServer((request, response) => {
    readBody(request)
      .then((body) =>
        answer(
          state,
          request.method ?? "GET",
          request.url ?? "/",
          body,
          request.headers.authorization,
        ),
      )
      .catch((error: unknown) => ({
        status: 400,
        body: { message: `Problems parsing JSON: ${String(error)}` },
      }))
      .then((result) => {
        response.writeHead(result.status, {
          "content-type": "application/json; charset=utf-8",
        });
        response.end(
          result.body === undefined ? "" : JSON.stringify(result.body),
        );
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () =>
      new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
