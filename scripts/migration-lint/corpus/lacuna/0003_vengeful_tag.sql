ALTER TABLE `domain_reques` RENAME TO `domain_request`;--> statement-breakpoint
ALTER TABLE domain_request ADD `parent_id` integer REFERENCES domain(id);--> statement-breakpoint
/*
 SQLite does not support "Creating foreign key on existing column" out of the box, we do not generate automatic migration for that, so it has to be done manually
 Please refer to: https://www.techonthenet.com/sqlite/tables/alter_table.php
                  https://www.sqlite.org/lang_altertable.html

 Due to that we don't generate migration automatically and it has to be done manually
*/