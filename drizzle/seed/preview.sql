-- Applied once to a pull request's preview database, right after its first migrations
-- (scripts/deploy/preview/preview-deploy.ts): reviewers open a guestbook that is not empty.
-- Never applied to staging or production. Keep it in step with the schema of the migrations.
INSERT INTO notes (author, message, created_at) VALUES ('preview', 'Welcome to this pull request''s preview: its data is its own.', 0);
