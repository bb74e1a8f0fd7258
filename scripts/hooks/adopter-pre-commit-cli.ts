/** `typed-cicd hooks:pre-commit` (adopter-pre-commit.ts): runs on import, as the bin's CLIs do. */
import { adopterPreCommit } from "./adopter-pre-commit";
import { hookMain } from "./pre-commit-run";

await hookMain(() => adopterPreCommit(process.cwd()));
