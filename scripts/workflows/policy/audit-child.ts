/**
 * The clean audit process: reads an AuditRequest as JSON on stdin, judges it against the checkout
 * in the working directory (policyContext), writes the AuditAnswer as JSON on stdout. It loads the
 * policy and the data it judges against (workflows-src/actions.ts, environments.ts, contracts.ts),
 * never workflows-src/index.ts or the builders, so a workflow definition cannot patch the checker.
 */
import { answer, type AuditRequest } from "./audit-request";
import { policyContext } from "./context";

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const request = JSON.parse(
  Buffer.concat(chunks).toString("utf8"),
) as AuditRequest;
process.stdout.write(
  JSON.stringify(answer(request, policyContext(process.cwd()))),
);
