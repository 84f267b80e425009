ALTER TABLE `accounts` ADD `csm_by_hand` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Accounts whose CSM a person already chose (their reason says so) keep that choice too.
UPDATE `accounts` SET `csm_by_hand` = true WHERE `csm_reason` LIKE 'Changed by %' OR `csm_reason` LIKE 'Chosen by hand%';
