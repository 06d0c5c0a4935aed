CREATE TABLE `application` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`subarea_id` integer,
	`business_area_id` integer,
	`description` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`subarea_id`) REFERENCES `technical_subarea`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`business_area_id`) REFERENCES `business_area`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "application_kind" CHECK("application"."kind" IN ('general','common','specific','technical')),
	CONSTRAINT "application_subarea_iff_technical" CHECK(("application"."kind" = 'technical') = ("application"."subarea_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `application_name_unique` ON `application` (`name`);--> statement-breakpoint
CREATE INDEX `application_kind_idx` ON `application` (`kind`);--> statement-breakpoint
CREATE TABLE `business_area` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `business_area_name_unique` ON `business_area` (`name`);--> statement-breakpoint
CREATE TABLE `installation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_code` text NOT NULL,
	`application_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`product_version` text DEFAULT '' NOT NULL,
	`administration` text DEFAULT '' NOT NULL,
	`lifecycle` text DEFAULT 'active' NOT NULL,
	`users` integer DEFAULT 0 NOT NULL,
	`licence_cost_ore` integer DEFAULT 0 NOT NULL,
	`operations_cost_ore` integer DEFAULT 0 NOT NULL,
	`contract_end` text,
	`notice_months` integer,
	`confirmed_on` text,
	`function_score` integer,
	`competence_risk` integer,
	`criticality` text,
	`confidentiality_class` integer,
	`integrity_class` integer,
	`availability_class` integer,
	`single_sign_on` integer DEFAULT false NOT NULL,
	`two_factor` integer DEFAULT false NOT NULL,
	`traceability` integer DEFAULT false NOT NULL,
	`operating_agreement` integer DEFAULT false NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipality`(`code`) ON UPDATE cascade ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `application`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `product`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "installation_lifecycle" CHECK("installation"."lifecycle" IN ('planned','active','retiring','retired')),
	CONSTRAINT "installation_non_negative" CHECK("installation"."users" >= 0 AND "installation"."licence_cost_ore" >= 0 AND "installation"."operations_cost_ore" >= 0),
	CONSTRAINT "installation_scores" CHECK(coalesce("installation"."function_score" BETWEEN 1 AND 5, 1) AND coalesce("installation"."competence_risk" BETWEEN 1 AND 5, 1)),
	CONSTRAINT "installation_classes" CHECK(coalesce("installation"."confidentiality_class" BETWEEN 1 AND 4, 1) AND coalesce("installation"."integrity_class" BETWEEN 1 AND 4, 1) AND coalesce("installation"."availability_class" BETWEEN 1 AND 4, 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `installation_current` ON `installation` (`municipality_code`,`application_id`) WHERE "installation"."lifecycle" <> 'retired';--> statement-breakpoint
CREATE INDEX `installation_application_idx` ON `installation` (`application_id`);--> statement-breakpoint
CREATE INDEX `installation_product_idx` ON `installation` (`product_id`);--> statement-breakpoint
CREATE TABLE `municipality` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "municipality_code_format" CHECK(length("municipality"."code") = 4 AND "municipality"."code" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `municipality_name_unique` ON `municipality` (`name`);--> statement-breakpoint
CREATE TABLE `municipality_population` (
	`municipality_code` text NOT NULL,
	`year` integer NOT NULL,
	`population` integer NOT NULL,
	PRIMARY KEY(`municipality_code`, `year`),
	FOREIGN KEY (`municipality_code`) REFERENCES `municipality`(`code`) ON UPDATE cascade ON DELETE cascade,
	CONSTRAINT "population_non_negative" CHECK("municipality_population"."population" >= 0)
);
--> statement-breakpoint
CREATE TABLE `product` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vendor` text NOT NULL,
	`name` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_vendor_name` ON `product` (`vendor`,`name`);--> statement-breakpoint
CREATE TABLE `technical_subarea` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `technical_subarea_name_unique` ON `technical_subarea` (`name`);--> statement-breakpoint
CREATE TABLE `audit_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`request_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_event` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_event` (`at`);--> statement-breakpoint
CREATE TABLE `write_guard` (
	`id` integer PRIMARY KEY NOT NULL,
	`ok` integer NOT NULL,
	CONSTRAINT "stale_write" CHECK("write_guard"."ok" = 1)
);
