/**
 * A failed Cloudflare operation — a wrangler command or one of the client's direct API reads —
 * carrying the API's code and its notes, so callers branch on data (code 10007 = no such Worker)
 * and print one line in Cloudflare's own words, whichever way the request went.
 */
import { commandName, type WranglerRun } from "../wrangler";
import type { CloudflareAnswer } from "./api";
import {
  describeWranglerFailure,
  readWranglerFailure,
  type WranglerFailure,
} from "./wrangler-failure";
import type { Redact } from "./redact";
import { isPendingMigrationRefusal } from "./durable-object-migrations";

/** A direct API request that Cloudflare refused (or that did not reach it). */
export interface ApiFailure {
  /** "GET /accounts/…/workers/scripts/app/deployments" — no account id, no token. */
  readonly request: string;
  readonly answer: CloudflareAnswer;
}

function apiFailure({ answer }: ApiFailure): WranglerFailure {
  return {
    text:
      answer.status === 0
        ? answer.error
        : `Cloudflare answered HTTP ${answer.status}`,
    notes: answer.notes,
    ...(answer.code === undefined ? {} : { code: answer.code }),
    timedOut: false,
  };
}

export class CloudflareError extends Error {
  /** The wrangler command ("deployments status"), or the API request. */
  readonly command: string;
  /** wrangler's exit code; 1 for a refused API request. */
  readonly exitCode: number;
  readonly failure: WranglerFailure;

  constructor(source: WranglerRun | ApiFailure, redact: Redact) {
    const api = "answer" in source;
    const failure = api ? apiFailure(source) : readWranglerFailure(source);
    const command = api ? source.request : commandName(source.args);
    super(
      redact(
        api
          ? `${command} failed: ${describeWranglerFailure(failure)}`
          : `wrangler ${command} failed (exit ${source.code}): ${describeWranglerFailure(failure)}`,
      ),
    );
    this.name = "CloudflareError";
    this.command = command;
    this.exitCode = api ? 1 : source.code;
    this.failure = failure;
  }

  get code(): number | undefined {
    return this.failure.code;
  }

  /**
   * `versions upload` refused because a Durable Object migration is pending — by wrangler itself
   * (4.164 checks before sending) or by the API (10211). Only `wrangler deploy` can apply it.
   */
  get refusesPendingMigration(): boolean {
    return isPendingMigrationRefusal(
      [this.failure.text, ...this.failure.notes].join("\n"),
      this.code,
    );
  }

  /** The API's notes, e.g. "no such table: d1_migrations: SQLITE_ERROR [code: 7500]". */
  get notes(): readonly string[] {
    return this.failure.notes;
  }
}
