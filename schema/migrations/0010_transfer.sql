CREATE TABLE `import_batch` (
	`id` text PRIMARY KEY NOT NULL,
	`actor` text NOT NULL,
	`file_name` text NOT NULL,
	`status` text DEFAULT 'previewed' NOT NULL,
	`committable` integer NOT NULL,
	`summary` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	`committed_at` text,
	CONSTRAINT "import_batch_status" CHECK("import_batch"."status" IN ('previewed','committed'))
);
--> statement-breakpoint
CREATE INDEX `import_batch_expires_idx` ON `import_batch` (`expires_at`);--> statement-breakpoint
CREATE TABLE `import_batch_part` (
	`import_id` text NOT NULL,
	`part` integer NOT NULL,
	`rows` text NOT NULL,
	PRIMARY KEY(`import_id`, `part`),
	FOREIGN KEY (`import_id`) REFERENCES `import_batch`(`id`) ON UPDATE no action ON DELETE cascade
);
