import { describe, expect, it } from "vitest";
import {
  isWorkerNotFound,
  parseJsonStdout,
  parseNdjson,
  readBookmark,
  readCommandFailure,
  readDeploymentList,
  readDeploy,
  readDeploymentStatus,
  readExecuteResults,
  readExecuteRows,
  readRestore,
  readVersionUpload,
  servingVersion,
} from "./wrangler-output";

// Lines as wrangler 4.164 writes them (session line captured from a real dry run on this machine;
// the real upload line follows versionsUpload()'s writeOutput call with API values filled in).
const SESSION = `{"type":"wrangler-session","version":1,"wrangler_version":"4.164.0","command_line_args":["versions","upload","--env","staging","--tag","abc","--message","m"],"log_file_path":"/root/.config/.wrangler/logs/wrangler-2026-11-25_14-23-00_387.log","timestamp":"2026-11-25T14:23:00.822Z"}`;
const DRY_RUN = `{"type":"version-upload","version":1,"worker_name":"probe-staging","worker_tag":null,"version_id":null,"wrangler_environment":"staging","worker_name_overridden":false,"bundle_size":{"raw_bytes":135,"gzip_bytes":134},"timestamp":"2026-11-25T14:23:01.146Z"}`;
const UPLOAD = `{"type":"version-upload","version":1,"worker_name":"typed-cicd-next-d1-staging","worker_tag":"6b4f1c0e2a9d4f7e8c3b2a1d0e9f8c7b","version_id":"4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c","preview_url":"https://4e8d2c1a-typed-cicd-next-d1-staging.example.workers.dev","wrangler_environment":"staging","worker_name_overridden":false,"bundle_size":{"raw_bytes":4812345,"gzip_bytes":981234},"timestamp":"2026-11-25T14:30:12.001Z"}`;
const FAILED = `{"type":"command-failed","version":1,"code":10000,"message":"Authentication error [code: 10000]\\nsee https://…","timestamp":"2026-11-25T14:30:12.001Z"}`;

describe("parseNdjson", () => {
  it("reads one object per line and skips blank lines", () => {
    expect(parseNdjson(`${SESSION}\n\n${UPLOAD}\n`)).toHaveLength(2);
  });

  it("names the corrupt line", () => {
    expect(() => parseNdjson(`${SESSION}\n{"type":`, "out.ndjson")).toThrow(
      'out.ndjson: line 2 is not JSON ("{\\"type\\":")',
    );
  });
});

describe("readVersionUpload", () => {
  it("returns the version id and preview URL of a real upload", () => {
    expect(readVersionUpload(parseNdjson(`${SESSION}\n${UPLOAD}\n`))).toEqual({
      workerName: "typed-cicd-next-d1-staging",
      versionId: "4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c",
      previewUrl:
        "https://4e8d2c1a-typed-cicd-next-d1-staging.example.workers.dev",
      bundleGzipBytes: 981234,
    });
  });

  it("prefers the alias URL, and the last upload in the file", () => {
    const aliased = UPLOAD.replace(
      '"preview_url"',
      '"preview_alias_url":"https://sha-typed.example.workers.dev","preview_url"',
    );
    expect(
      readVersionUpload(parseNdjson(`${DRY_RUN}\n${aliased}`)).previewUrl,
    ).toBe("https://sha-typed.example.workers.dev");
  });

  it("returns a null version for a dry run", () => {
    expect(readVersionUpload(parseNdjson(DRY_RUN))).toMatchObject({
      versionId: null,
      previewUrl: null,
      bundleGzipBytes: 134,
    });
  });

  it("explains a failed upload with wrangler's first message line", () => {
    expect(() =>
      readVersionUpload(parseNdjson(`${SESSION}\n${FAILED}`)),
    ).toThrow(
      "wrangler output: upload failed: Authentication error [code: 10000]",
    );
    expect(readCommandFailure(parseNdjson(FAILED))).toMatch(
      /^Authentication error/,
    );
  });

  it("explains a missing entry", () => {
    expect(() => readVersionUpload(parseNdjson(SESSION))).toThrow(
      /no "version-upload" entry — check that WRANGLER_OUTPUT_FILE_PATH/,
    );
  });
});

describe("command failures and wrangler deploy", () => {
  const failed = (code: unknown) => ({
    type: "command-failed",
    version: 1,
    code,
    message: "A request to the Cloudflare API failed.",
  });

  it("recognises wrangler's worker-not-found codes, not other failures", () => {
    expect(isWorkerNotFound([failed(10007)])).toBe(true);
    expect(isWorkerNotFound([failed(10090)])).toBe(true);
    expect(isWorkerNotFound([failed("10007")])).toBe(true);
    expect(isWorkerNotFound(parseNdjson(FAILED))).toBe(false);
    expect(isWorkerNotFound([{ ...failed(10007), code: undefined }])).toBe(
      false,
    );
    expect(isWorkerNotFound([])).toBe(false);
  });

  it("reads the version id and published URLs of a deploy", () => {
    const entry = {
      type: "deploy",
      version: 1,
      worker_name: "typed-cicd-next-d1-staging",
      worker_tag: "tag",
      version_id: "4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c",
      targets: [
        "https://typed-cicd-next-d1-staging.acme.workers.dev",
        "schedule: */5 * * * *",
      ],
      wrangler_environment: "staging",
    };
    expect(readDeploy([JSON.parse(SESSION), entry])).toEqual({
      versionId: "4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c",
      urls: ["https://typed-cicd-next-d1-staging.acme.workers.dev"],
    });
    expect(readDeploy([])).toEqual({ versionId: null, urls: [] });
  });
});

describe("--json stdout", () => {
  it("skips a banner before the JSON", () => {
    expect(
      parseJsonStdout(
        ' ⛅️ wrangler 4.164.0\n───\n{\n  "bookmark": "b"\n}\n',
        "x",
      ),
    ).toEqual({ bookmark: "b" });
    expect(() =>
      parseJsonStdout("no json here", "d1 time-travel info"),
    ).toThrow(/no JSON on stdout/);
  });

  it("reads the Time Travel bookmark", () => {
    const stdout =
      '{\n  "bookmark": "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683"\n}\n';
    expect(readBookmark(stdout)).toBe(
      "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683",
    );
    expect(() => readBookmark("{}")).toThrow(/unexpected JSON at bookmark/);
  });

  it("reads the undo bookmark of a restore", () => {
    const stdout = JSON.stringify(
      {
        bookmark: "00000001-aa",
        previous_bookmark: "00000099-bb",
        message: "Restored",
      },
      null,
      2,
    );
    expect(readRestore(stdout)).toEqual({
      restoredTo: "00000001-aa",
      undoBookmark: "00000099-bb",
    });
  });
});

describe("deployments", () => {
  const deployment = (
    id: string,
    created: string,
    versions: [string, number][],
  ) => ({
    id,
    source: "wrangler",
    strategy: "percentage",
    author_email: "ci@example.com",
    annotations: { "workers/triggered_by": "deployment" },
    created_on: created,
    versions: versions.map(([version_id, percentage]) => ({
      version_id,
      percentage,
    })),
  });

  it("reads the serving version from status", () => {
    const status = readDeploymentStatus(
      JSON.stringify(
        deployment("d3", "2026-11-25T10:00:00Z", [
          ["v-old", 100],
          ["v-new", 0],
        ]),
      ),
    );
    expect(servingVersion(status)).toBe("v-old");
  });

  it("reads the list with Cloudflare's rollback annotations (oldest first, as wrangler prints it)", () => {
    const list = readDeploymentList(
      JSON.stringify([
        deployment("d1", "2026-11-20T10:00:00Z", [["v1", 100]]),
        {
          ...deployment("d2", "2026-11-21T10:00:00Z", [["v0", 100]]),
          annotations: {
            "workers/triggered_by": "rollback",
            "workers/rollback_from": "d1",
            "workers/message": "Rollback",
          },
        },
        { ...deployment("d3", "t", [["v3", 100]]), annotations: null },
      ]),
    );
    expect(list.map((d) => d.annotations)).toEqual([
      { "workers/triggered_by": "deployment" },
      {
        "workers/triggered_by": "rollback",
        "workers/rollback_from": "d1",
        "workers/message": "Rollback",
      },
      null,
    ]);
  });

  it("rejects a deployment without versions", () => {
    expect(() =>
      readDeploymentStatus(JSON.stringify(deployment("d", "t", []))),
    ).toThrow(/deployments status: unexpected JSON at versions/);
  });
});

describe("readExecuteResults", () => {
  // `d1 execute --remote --json --command "a; b"` prints the D1 query API's result array as is:
  // one result per statement (meta trimmed here).
  const TWO = JSON.stringify([
    { results: [{ name: "0000_create_notes.sql" }], success: true, meta: {} },
    { results: [], success: true, meta: {} },
  ]);

  it("answers each statement's rows, in order", () => {
    expect(readExecuteResults(TWO)).toEqual([
      [{ name: "0000_create_notes.sql" }],
      [],
    ]);
  });

  it("readExecuteRows answers the last statement's rows", () => {
    expect(readExecuteRows(TWO)).toEqual([]);
  });
});
