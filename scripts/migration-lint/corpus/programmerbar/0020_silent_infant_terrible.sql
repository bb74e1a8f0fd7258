ALTER TABLE `images` DROP COLUMN `original_name`;--> statement-breakpoint
ALTER TABLE `images` DROP COLUMN `mime_type`;