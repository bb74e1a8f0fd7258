DROP TABLE `group`;--> statement-breakpoint
DROP TABLE `users_groups`;