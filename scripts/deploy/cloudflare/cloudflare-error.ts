/**
 * A failed Cloudflare operation, carrying wrangler's exit, the API's code and its notes, so callers
 * branch on data (code 10007 = no such Worker) and print one line in Cloudflare's own words.
 */
import { commandName, type WranglerRun } from "../wrangler";
import {
  describeWranglerFailure,
  readWranglerFailure,
  type WranglerFailure,
} from "./wrangler-failure";
import type { Redact } from "./redact";
import { isPendingMigrationRefusal } from "./durable-object-migrations";

export class CloudflareError extends Error {
  readonly command: string;
  readonly exitCode: number;
  readonly failure: WranglerFailure;

  constructor(run: WranglerRun, redact: Redact) {
    const failure = readWranglerFailure(run);
    const command = commandName(run.args);
    super(
      redact(
        `wrangler ${command} failed (exit ${run.code}): ${describeWranglerFailure(failure)}`,
      ),
    );
    this.name = "CloudflareError";
    this.command = command;
    this.exitCode = run.code;
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
