CREATE TABLE `collaboration` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`level` integer NOT NULL,
	`host_code` text NOT NULL,
	`owner_id` integer,
	`scope` text DEFAULT '' NOT NULL,
	`area` text DEFAULT '' NOT NULL,
	`lowest_level` integer,
	`highest_level` integer,
	`valid_from` text,
	`valid_to` text,
	`decision_reference` text DEFAULT '' NOT NULL,
	`decision_date` text,
	`service_levels` text DEFAULT '' NOT NULL,
	`ended_on` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `application`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_code`) REFERENCES `municipality`(`code`) ON UPDATE cascade ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "collaboration_level" CHECK("collaboration"."level" BETWEEN 2 AND 5),
	CONSTRAINT "collaboration_level_range" CHECK(coalesce("collaboration"."lowest_level" BETWEEN 2 AND 5, 1) AND coalesce("collaboration"."highest_level" BETWEEN 2 AND 5, 1) AND coalesce("collaboration"."lowest_level" <= "collaboration"."highest_level", 1))
);
--> statement-breakpoint
CREATE INDEX `collaboration_application_idx` ON `collaboration` (`application_id`);--> statement-breakpoint
CREATE TABLE `collaboration_level_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`collaboration_id` integer NOT NULL,
	`level` integer NOT NULL,
	`on` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`actor` text NOT NULL,
	FOREIGN KEY (`collaboration_id`) REFERENCES `collaboration`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `level_event_collaboration_idx` ON `collaboration_level_event` (`collaboration_id`);--> statement-breakpoint
CREATE TABLE `collaboration_participant` (
	`collaboration_id` integer NOT NULL,
	`municipality_code` text NOT NULL,
	`application_id` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`collaboration_id`, `municipality_code`),
	FOREIGN KEY (`collaboration_id`) REFERENCES `collaboration`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipality`(`code`) ON UPDATE cascade ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `application`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participant_one_active_per_application` ON `collaboration_participant` (`application_id`,`municipality_code`) WHERE "collaboration_participant"."active" = 1;--> statement-breakpoint
CREATE TABLE `person` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`municipality_code` text,
	`title` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipality`(`code`) ON UPDATE cascade ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_municipality_idx` ON `person` (`municipality_code`);--> statement-breakpoint
CREATE TABLE `role_assignment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`role` text NOT NULL,
	`installation_id` integer,
	`collaboration_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`installation_id`) REFERENCES `installation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`collaboration_id`) REFERENCES `collaboration`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "role_target" CHECK("role_assignment"."installation_id" IS NULL OR "role_assignment"."collaboration_id" IS NULL),
	CONSTRAINT "role_kind" CHECK("role_assignment"."role" IN ('system_owner','system_manager','system_administrator','operations_manager','system_technician','application_support','it_directors_group','security_officer'))
);
--> statement-breakpoint
CREATE INDEX `role_installation_idx` ON `role_assignment` (`installation_id`);--> statement-breakpoint
CREATE INDEX `role_collaboration_idx` ON `role_assignment` (`collaboration_id`);--> statement-breakpoint
CREATE INDEX `role_person_idx` ON `role_assignment` (`person_id`);