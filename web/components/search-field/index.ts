export * from "./no-matches";
export * from "./search-field";
