CREATE TABLE `calendar_link` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_link_token_hash_unique` ON `calendar_link` (`token_hash`);--> statement-breakpoint
CREATE INDEX `calendar_link_user_idx` ON `calendar_link` (`user_id`);--> statement-breakpoint
CREATE TABLE `freeze_rule` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`from_week` integer,
	`to_week` integer,
	`from_month_day` text,
	`to_month_day` text,
	`from_date` text,
	`to_date` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "freeze_rule_kind" CHECK("freeze_rule"."kind" IN ('weeks','yearly','window')),
	CONSTRAINT "freeze_rule_scope" CHECK("freeze_rule"."scope" IN ('all','education')),
	CONSTRAINT "freeze_rule_weeks" CHECK(("freeze_rule"."kind" = 'weeks') = ("freeze_rule"."from_week" IS NOT NULL AND "freeze_rule"."to_week" IS NOT NULL)
    AND coalesce("freeze_rule"."from_week" BETWEEN 1 AND 53 AND "freeze_rule"."to_week" BETWEEN 1 AND 53, 1)),
	CONSTRAINT "freeze_rule_yearly" CHECK(("freeze_rule"."kind" = 'yearly') = ("freeze_rule"."from_month_day" IS NOT NULL AND "freeze_rule"."to_month_day" IS NOT NULL)),
	CONSTRAINT "freeze_rule_window" CHECK(("freeze_rule"."kind" = 'window') = ("freeze_rule"."from_date" IS NOT NULL AND "freeze_rule"."to_date" IS NOT NULL)
    AND coalesce("freeze_rule"."from_date" <= "freeze_rule"."to_date", 1))
);
--> statement-breakpoint
CREATE TABLE `planned_change` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`environment` text NOT NULL,
	`municipality_code` text,
	`installation_id` integer,
	`risk_class` text NOT NULL,
	`exception_status` text DEFAULT 'none' NOT NULL,
	`risk_assessment` text DEFAULT '' NOT NULL,
	`rollback_plan` text DEFAULT '' NOT NULL,
	`exception_requested_by` text,
	`exception_decided_by` text,
	`exception_decided_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipality`(`code`) ON UPDATE cascade ON DELETE set null,
	FOREIGN KEY (`installation_id`) REFERENCES `installation`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "planned_change_environment" CHECK("planned_change"."environment" IN ('education','administration')),
	CONSTRAINT "planned_change_risk" CHECK("planned_change"."risk_class" IN ('standard','normal','urgent')),
	CONSTRAINT "planned_change_exception" CHECK("planned_change"."exception_status" IN ('none','requested','approved','rejected')),
	CONSTRAINT "planned_change_dates" CHECK(coalesce("planned_change"."ends_on" >= "planned_change"."starts_on", 1))
);
--> statement-breakpoint
CREATE INDEX `planned_change_starts_idx` ON `planned_change` (`starts_on`);