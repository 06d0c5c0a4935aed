CREATE TABLE `allocation_key` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `allocation_key_name_uq` ON `allocation_key` (`name`);--> statement-breakpoint
CREATE TABLE `allocation_key_year` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key_id` integer NOT NULL,
	`year` integer NOT NULL,
	`parts` text NOT NULL,
	FOREIGN KEY (`key_id`) REFERENCES `allocation_key`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `allocation_key_year_uq` ON `allocation_key_year` (`key_id`,`year`);--> statement-breakpoint
CREATE TABLE `cost_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`amount_ore` integer NOT NULL,
	`category` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`collaboration_id` integer,
	`subarea_id` integer,
	`key_id` integer NOT NULL,
	`participants` text NOT NULL,
	`application_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`collaboration_id`) REFERENCES `collaboration`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subarea_id`) REFERENCES `technical_subarea`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_id`) REFERENCES `allocation_key`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `application`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cost_item_category" CHECK("cost_item"."category" IN ('investment','operations','licence','network','training','solidarity')),
	CONSTRAINT "cost_item_one_link" CHECK("cost_item"."collaboration_id" IS NULL OR "cost_item"."subarea_id" IS NULL)
);
--> statement-breakpoint
CREATE INDEX `cost_item_year_idx` ON `cost_item` (`year`);--> statement-breakpoint
CREATE INDEX `cost_item_key_idx` ON `cost_item` (`key_id`);