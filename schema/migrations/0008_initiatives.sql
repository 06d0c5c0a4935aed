CREATE TABLE `initiative` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`sponsor_code` text NOT NULL,
	`purpose` text NOT NULL,
	`stage` text DEFAULT 'pre_study' NOT NULL,
	`stage_since` text NOT NULL,
	`pre_study_summary` text DEFAULT '' NOT NULL,
	`investment_ore` integer,
	`operation_ore_per_year` integer,
	`training_ore` integer,
	`routine_change_ore` integer,
	`benefit_ore_per_year` integer,
	`benefit_note` text DEFAULT '' NOT NULL,
	`decision_date` text,
	`decision_body` text DEFAULT '' NOT NULL,
	`decision_reference` text DEFAULT '' NOT NULL,
	`requirements_reference` text DEFAULT '' NOT NULL,
	`procurement_route` text,
	`procurement_reference` text DEFAULT '' NOT NULL,
	`product_id` integer,
	`supplier_agreement_reference` text DEFAULT '' NOT NULL,
	`operating_agreement_reference` text DEFAULT '' NOT NULL,
	`operating_agreement_date` text,
	`approved_on` text,
	`collaboration_id` integer,
	`approval_result` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `application`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sponsor_code`) REFERENCES `municipality`(`code`) ON UPDATE cascade ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `product`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`collaboration_id`) REFERENCES `collaboration`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "initiative_stage" CHECK("initiative"."stage" IN ('pre_study','decision','requirements','procurement','system_choice','agreements','operation_approval')),
	CONSTRAINT "initiative_procurement_route" CHECK("initiative"."procurement_route" IS NULL OR "initiative"."procurement_route" IN ('lou','framework')),
	CONSTRAINT "initiative_costs_non_negative" CHECK(coalesce("initiative"."investment_ore" >= 0, 1) AND coalesce("initiative"."operation_ore_per_year" >= 0, 1) AND coalesce("initiative"."training_ore" >= 0, 1) AND coalesce("initiative"."routine_change_ore" >= 0, 1) AND coalesce("initiative"."benefit_ore_per_year" >= 0, 1))
);
--> statement-breakpoint
CREATE INDEX `initiative_stage_idx` ON `initiative` (`stage`);--> statement-breakpoint
CREATE INDEX `initiative_sponsor_idx` ON `initiative` (`sponsor_code`);--> statement-breakpoint
CREATE TABLE `initiative_answer` (
	`initiative_id` integer NOT NULL,
	`municipality_code` text NOT NULL,
	`answer` text,
	`comment` text DEFAULT '' NOT NULL,
	`answered_by` text,
	`answered_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`initiative_id`, `municipality_code`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiative`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipality`(`code`) ON UPDATE cascade ON DELETE no action,
	CONSTRAINT "initiative_answer_value" CHECK("initiative_answer"."answer" IS NULL OR "initiative_answer"."answer" IN ('join','maybe','no'))
);
--> statement-breakpoint
CREATE TABLE `initiative_decision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` integer NOT NULL,
	`kind` text NOT NULL,
	`from_stage` text,
	`to_stage` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`actor` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiative`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "initiative_decision_kind" CHECK("initiative_decision"."kind" IN ('start','advance','return'))
);
--> statement-breakpoint
CREATE INDEX `initiative_decision_initiative_idx` ON `initiative_decision` (`initiative_id`);