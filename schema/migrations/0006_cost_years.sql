CREATE TABLE `cost_share` (
	`cost_item_id` integer NOT NULL,
	`municipality_code` text NOT NULL,
	`amount_ore` integer NOT NULL,
	`budget_ore` integer,
	PRIMARY KEY(`cost_item_id`, `municipality_code`),
	FOREIGN KEY (`cost_item_id`) REFERENCES `cost_item`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipality`(`code`) ON UPDATE cascade ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `cost_year` (
	`year` integer PRIMARY KEY NOT NULL,
	`closed_at` text NOT NULL,
	`closed_by` text NOT NULL,
	`note` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE `collaboration` ADD `allocation_key_id` integer REFERENCES allocation_key(id);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_cost_item` (
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
	`budget_ore` integer,
	`beneficiary_code` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`collaboration_id`) REFERENCES `collaboration`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subarea_id`) REFERENCES `technical_subarea`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_id`) REFERENCES `allocation_key`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `application`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`beneficiary_code`) REFERENCES `municipality`(`code`) ON UPDATE cascade ON DELETE no action,
	CONSTRAINT "cost_item_category" CHECK("__new_cost_item"."category" IN ('investment','operations','licence','network','training','solidarity')),
	CONSTRAINT "cost_item_one_link" CHECK("__new_cost_item"."collaboration_id" IS NULL OR "__new_cost_item"."subarea_id" IS NULL),
	CONSTRAINT "cost_item_beneficiary" CHECK("__new_cost_item"."beneficiary_code" IS NULL OR ("__new_cost_item"."category" = 'solidarity' AND "__new_cost_item"."collaboration_id" IS NOT NULL))
);
--> statement-breakpoint
INSERT INTO `__new_cost_item`("id", "year", "amount_ore", "category", "description", "collaboration_id", "subarea_id", "key_id", "participants", "application_id", "budget_ore", "beneficiary_code", "version", "created_at", "updated_at") SELECT "id", "year", "amount_ore", "category", "description", "collaboration_id", "subarea_id", "key_id", "participants", "application_id", "budget_ore", "beneficiary_code", "version", "created_at", "updated_at" FROM `cost_item`;--> statement-breakpoint
DROP TABLE `cost_item`;--> statement-breakpoint
ALTER TABLE `__new_cost_item` RENAME TO `cost_item`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `cost_item_year_idx` ON `cost_item` (`year`);--> statement-breakpoint
CREATE INDEX `cost_item_key_idx` ON `cost_item` (`key_id`);