CREATE TABLE `login_attempts` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_start` text NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE TABLE `pool_members` (
	`pool_id` text NOT NULL,
	`user_id` text NOT NULL,
	`weight` integer DEFAULT 1 NOT NULL,
	`capacity` integer,
	PRIMARY KEY(`pool_id`, `user_id`),
	FOREIGN KEY (`pool_id`) REFERENCES `pools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_pool_members_user_id` ON `pool_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `pools` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`rr_pointer` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`absolute_expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_sessions_user_id` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`out_of_office` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `workflow_versions` (
	`workflow_id` text NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`published_at` text NOT NULL,
	`published_by` text,
	PRIMARY KEY(`workflow_id`, `version`),
	FOREIGN KEY (`workflow_id`) REFERENCES `workflows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `workflows` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`draft` text NOT NULL,
	`published_version` integer,
	`reenroll` integer DEFAULT false NOT NULL,
	`trigger_type` text,
	`trigger_connector_id` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_workflows_status` ON `workflows` (`status`);--> statement-breakpoint
CREATE INDEX `idx_workflows_trigger_connector_id_status` ON `workflows` (`trigger_connector_id`,`status`);--> statement-breakpoint
CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`workflow_id` text NOT NULL,
	`workflow_name` text NOT NULL,
	`version` integer,
	`mode` text NOT NULL,
	`status` text NOT NULL,
	`current_node_ids` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`duration_ms` integer,
	`subject_connector` text,
	`subject_object_id` text,
	`subject_name` text,
	`step_count` integer DEFAULT 0 NOT NULL,
	`error` text,
	`seq` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_runs_started_at` ON `runs` (`started_at`);--> statement-breakpoint
CREATE INDEX `idx_runs_workflow_id_started_at` ON `runs` (`workflow_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `idx_runs_status_started_at` ON `runs` (`status`,`started_at`);--> statement-breakpoint
CREATE INDEX `idx_runs_mode_started_at` ON `runs` (`mode`,`started_at`);--> statement-breakpoint
CREATE INDEX `idx_runs_workflow_id_subject` ON `runs` (`workflow_id`,`subject_connector`,`subject_object_id`);--> statement-breakpoint
CREATE TABLE `form_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`queue_item_id` text NOT NULL,
	`run_id` text NOT NULL,
	`node_id` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_form_tokens_queue_item_id` ON `form_tokens` (`queue_item_id`);--> statement-breakpoint
CREATE TABLE `queue_items` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`workflow_id` text NOT NULL,
	`workflow_name` text NOT NULL,
	`node_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`status` text NOT NULL,
	`assignee_id` text,
	`pool_id` text,
	`assignee_email` text,
	`claimed_by` text,
	`claimed_at` text,
	`due_at` text,
	`created_at` text NOT NULL,
	`completed_at` text,
	`completed_by` text,
	`mode` text NOT NULL,
	`subject` text,
	`form` text,
	`context` text,
	`seq` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_queue_items_status_mode_due_at` ON `queue_items` (`status`,`mode`,`due_at`);--> statement-breakpoint
CREATE INDEX `idx_queue_items_assignee_id_status` ON `queue_items` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `idx_queue_items_pool_id_status` ON `queue_items` (`pool_id`,`status`);--> statement-breakpoint
CREATE INDEX `idx_queue_items_claimed_by_status` ON `queue_items` (`claimed_by`,`status`);--> statement-breakpoint
CREATE INDEX `idx_queue_items_run_id` ON `queue_items` (`run_id`);--> statement-breakpoint
CREATE INDEX `idx_queue_items_workflow_id_status` ON `queue_items` (`workflow_id`,`status`);--> statement-breakpoint
CREATE TABLE `connectors` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`mode` text NOT NULL,
	`credentials_enc` text NOT NULL,
	`verification_token_enc` text,
	`last_event_at` text,
	`last_error` text,
	`poll_cursor` text,
	`settings` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`connector_id` text NOT NULL,
	`received_at` text NOT NULL,
	`event_key` text NOT NULL,
	`type` text NOT NULL,
	`object_id` text,
	`verified` integer NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`run_ids` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_events_connector_id_event_key` ON `events` (`connector_id`,`event_key`) WHERE outcome IN ('started', 'ignored');--> statement-breakpoint
CREATE INDEX `idx_events_connector_id_received_at` ON `events` (`connector_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `account_runs` (
	`account_id` text NOT NULL,
	`run_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_account_runs_account_id_run_id` ON `account_runs` (`account_id`,`run_id`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`name` text NOT NULL,
	`domain` text,
	`arr` real,
	`segment` text,
	`region` text,
	`primary_contact` text,
	`source_connector` text NOT NULL,
	`source_object_id` text NOT NULL,
	`source_url` text,
	`csm_id` text,
	`csm_reason` text,
	`template_id` text,
	`template_snapshot` text,
	`plan` text,
	`start_date` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_accounts_mode_source` ON `accounts` (`mode`,`source_connector`,`source_object_id`);--> statement-breakpoint
CREATE INDEX `idx_accounts_domain` ON `accounts` (`domain`);--> statement-breakpoint
CREATE INDEX `idx_accounts_csm_id` ON `accounts` (`csm_id`);--> statement-breakpoint
CREATE TABLE `outbox_emails` (
	`id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`to` text NOT NULL,
	`cc` text,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text,
	`run_id` text,
	`node_id` text,
	`mode` text NOT NULL,
	`provider` text NOT NULL,
	`provider_message_id` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_emails_idempotency_key_unique` ON `outbox_emails` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `idx_outbox_emails_created_at` ON `outbox_emails` (`created_at`);--> statement-breakpoint
CREATE INDEX `idx_outbox_emails_run_id` ON `outbox_emails` (`run_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `templates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`milestones` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
