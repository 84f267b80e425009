-- Pools that already share a name (ignoring case and surrounding spaces) would fail the unique index
-- below: the oldest keeps its name, each later one is renamed "<name> (2)", "(3)", … in creation
-- order, or "<name> (<pool id>)" should another pool already be called that.
CREATE TABLE `__pool_renames` AS
  SELECT `id`, trim(`name`) || ' (' || `rank` || ')' AS `new_name`, trim(`name`) || ' (' || `id` || ')' AS `fallback`
  FROM (SELECT `id`, `name`, ROW_NUMBER() OVER (PARTITION BY lower(trim(`name`)) ORDER BY `created_at`, `id`) AS `rank` FROM `pools`)
  WHERE `rank` > 1;--> statement-breakpoint
UPDATE `__pool_renames` SET `new_name` = `fallback`
  WHERE lower(`new_name`) IN (SELECT lower(trim(`name`)) FROM `pools` WHERE `id` NOT IN (SELECT `id` FROM `__pool_renames`));--> statement-breakpoint
UPDATE `pools` SET `name` = (SELECT `new_name` FROM `__pool_renames` r WHERE r.`id` = `pools`.`id`)
  WHERE `id` IN (SELECT `id` FROM `__pool_renames`);--> statement-breakpoint
DROP TABLE `__pool_renames`;--> statement-breakpoint
CREATE UNIQUE INDEX `idx_pools_name_key` ON `pools` (lower(trim("name")));
