/**
 * The YAML body the generator writes for workflow data: key order, and the release tag after each
 * pinned SHA (`uses: owner/repo@<sha> # v1.2.3`). Used to plan files and, by the drift check, to
 * tell whether the generator could have written a committed file.
 */
import { findPin } from "../../workflows-src/actions";
import { emitYaml, type YamlValue } from "./emit-yaml";
import { orderWorkflow } from "./key-order";

function versionComment(key: string, value: string): string | undefined {
  return key === "uses" ? findPin(value)?.version : undefined;
}

export function renderWorkflowBody(workflow: {
  readonly [key: string]: YamlValue | undefined;
}): string {
  return emitYaml(orderWorkflow(workflow), { comment: versionComment });
}
