DROP INDEX IF EXISTS `github_id_idx`;--> statement-breakpoint
ALTER TABLE `user` DROP COLUMN `github_id`;