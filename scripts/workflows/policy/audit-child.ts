/**
 * The clean audit process: reads an AuditRequest as JSON on stdin, judges it against the checkout
 * in the working directory (policyContext), writes the AuditAnswer as JSON on stdout. It loads the
 * policy and the data it judges against — the pipeline's action catalog and contracts, and the
 * checkout's own workflows-src/environments.ts (an adopter's, from disk) — never the checkout's
 * workflows-src/index.ts or workflow definitions, so a workflow definition cannot patch the checker.
 */
import { answer, type AuditRequest } from "./audit-request";
import { loadEnvironmentsModule } from "../../init/load-environments";
import { policyContext } from "./context";

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const request = JSON.parse(
  Buffer.concat(chunks).toString("utf8"),
) as AuditRequest;
const root = process.cwd();
process.stdout.write(
  JSON.stringify(
    answer(request, policyContext(root, await loadEnvironmentsModule(root))),
  ),
);
