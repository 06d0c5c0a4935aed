CREATE TABLE `attention_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`urgency` text NOT NULL,
	`due_on` text,
	`municipality_code` text,
	`municipality_name` text,
	`subject` text NOT NULL,
	`detail` text NOT NULL,
	`href` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	CONSTRAINT "attention_item_kind" CHECK("attention_item"."kind" IN ('notice_deadline','upcoming_freeze','contract_ending','overdue_document','stalled_initiative','missing_system_owner','unconfirmed_installation')),
	CONSTRAINT "attention_item_urgency" CHECK("attention_item"."urgency" IN ('overdue','soon','later','missing')),
	CONSTRAINT "attention_item_entity" CHECK("attention_item"."entity" IN ('installation','freeze_rule','governing_document','initiative'))
);
--> statement-breakpoint
CREATE INDEX `attention_item_municipality_idx` ON `attention_item` (`municipality_code`);--> statement-breakpoint
CREATE TABLE `attention_refresh` (
	`id` integer PRIMARY KEY NOT NULL,
	`computed_at` text NOT NULL,
	`computed_for` text NOT NULL,
	`computed_by` text NOT NULL,
	`item_count` integer NOT NULL,
	CONSTRAINT "attention_refresh_single_row" CHECK("attention_refresh"."id" = 1)
);
