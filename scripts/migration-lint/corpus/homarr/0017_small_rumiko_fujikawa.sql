CREATE TABLE `onboarding` (
	`id` text PRIMARY KEY NOT NULL,
	`step` text NOT NULL,
	`previous_step` text
);
