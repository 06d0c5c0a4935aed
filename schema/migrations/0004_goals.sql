CREATE TABLE `action_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`strategy_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`due` text,
	`owner_id` integer,
	`owner_text` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategy`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `action_strategy_idx` ON `action_item` (`strategy_id`);--> statement-breakpoint
CREATE TABLE `action_item_goal` (
	`action_id` integer NOT NULL,
	`goal_id` integer NOT NULL,
	PRIMARY KEY(`action_id`, `goal_id`),
	FOREIGN KEY (`action_id`) REFERENCES `action_item`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`goal_id`) REFERENCES `goal`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `action_note` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` integer NOT NULL,
	`on` text NOT NULL,
	`text` text NOT NULL,
	`actor` text NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `action_item`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `goal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`strategy_id` integer NOT NULL,
	`key` text,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`area` text NOT NULL,
	`type` text NOT NULL,
	`definition` text,
	`unit` text NOT NULL,
	`target` real,
	`comparison` text DEFAULT 'atLeast' NOT NULL,
	`deadline` text,
	`done_on` text,
	`public` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategy`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "goal_area" CHECK("goal"."area" IN ('collaboration','applications','technical_platform','information_security','organisation','financing','competence')),
	CONSTRAINT "goal_type" CHECK("goal"."type" IN ('computed','measured','milestone')),
	CONSTRAINT "goal_definition" CHECK(("goal"."type" = 'computed') = ("goal"."definition" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `goal_key` ON `goal` (`strategy_id`,`key`);--> statement-breakpoint
CREATE TABLE `goal_measurement` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`goal_id` integer NOT NULL,
	`period` text NOT NULL,
	`value` real NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`actor` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`goal_id`) REFERENCES `goal`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measurement_goal_period` ON `goal_measurement` (`goal_id`,`period`);--> statement-breakpoint
CREATE TABLE `goal_snapshot` (
	`goal_id` integer NOT NULL,
	`on` text NOT NULL,
	`value` real,
	`numerator` real,
	`denominator` real,
	PRIMARY KEY(`goal_id`, `on`),
	FOREIGN KEY (`goal_id`) REFERENCES `goal`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `status_report` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`strategy_id` integer NOT NULL,
	`report_date` text NOT NULL,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`analysis` text NOT NULL,
	`issued_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategy`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `strategy` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
