export * from "./app-frame";
export * from "./sidebar";
