export * from "./leave-guard";
