/** npm run preview:open-pulls — the open pull requests, for the preview sweep. See --help. */
import { openPullsContract } from "../../../workflows-src/contracts";
import { defineCli, runMain, UsageError } from "../../cli/define-cli";
import { formatOpenList, openPullRequests } from "./open-pull-requests";

const cli = defineCli({
  usage: "npm run preview:open-pulls",
  description: `Lists the numbers of the repository's open pull requests (GITHUB_REPOSITORY, GITHUB_API_URL,
GITHUB_TOKEN with pull-requests: read) and writes them as ${openPullsContract.outputs.join(", ")} ("12,15", or "none").
Runs in a job without deploy secrets; deploy:preview:cleanup --sweep reads the list.`,
  contract: openPullsContract,
  options: {},
  run: async ({ setOutputs }) => {
    const token = process.env["GITHUB_TOKEN"]?.trim();
    if (!token)
      throw new UsageError(
        "GITHUB_TOKEN is not set — the workflow passes the job's token (pull-requests: read)",
      );
    const open = await openPullRequests({
      apiUrl: process.env["GITHUB_API_URL"] || "https://api.github.com",
      repository: process.env["GITHUB_REPOSITORY"] ?? "",
      token,
    });
    const list = formatOpenList(open);
    console.log(`open pull requests: ${list}`);
    setOutputs({ open: list });
    return 0;
  },
});

await runMain(cli);
