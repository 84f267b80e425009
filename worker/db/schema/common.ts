import { integer, text } from "drizzle-orm/sqlite-core";

/** ISO-8601 UTC timestamps as text: they sort, compare and read well in SQL and JSON alike. */
export const createdAt = () => text("created_at").notNull();
export const updatedAt = () => text("updated_at").notNull();
export const bool = (name: string) => integer(name, { mode: "boolean" });
export const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();
