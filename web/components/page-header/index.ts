export * from "./page-header";
