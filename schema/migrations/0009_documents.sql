CREATE TABLE `governing_document` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`owner_id` integer NOT NULL,
	`municipality_code` text,
	`decided_by` text NOT NULL,
	`decided_on` text NOT NULL,
	`review_cycle_years` integer NOT NULL,
	`last_reviewed_on` text,
	`next_review_on` text NOT NULL,
	`next_review_explicit` integer DEFAULT false NOT NULL,
	`url` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipality`(`code`) ON UPDATE cascade ON DELETE no action,
	CONSTRAINT "governing_document_type" CHECK("governing_document"."type" IN ('it_policy','it_strategy','information_security_policy','it_security_instruction','system_security_plan','operations_plan','application_instruction','continuity_plan')),
	CONSTRAINT "governing_document_cycle" CHECK("governing_document"."review_cycle_years" BETWEEN 1 AND 10)
);
--> statement-breakpoint
CREATE INDEX `governing_document_next_review_idx` ON `governing_document` (`next_review_on`);--> statement-breakpoint
CREATE INDEX `governing_document_municipality_idx` ON `governing_document` (`municipality_code`);--> statement-breakpoint
CREATE INDEX `governing_document_owner_idx` ON `governing_document` (`owner_id`);--> statement-breakpoint
CREATE TABLE `governing_document_installation` (
	`document_id` integer NOT NULL,
	`installation_id` integer NOT NULL,
	PRIMARY KEY(`document_id`, `installation_id`),
	FOREIGN KEY (`document_id`) REFERENCES `governing_document`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`installation_id`) REFERENCES `installation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `governing_document_installation_idx` ON `governing_document_installation` (`installation_id`);