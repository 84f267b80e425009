export * from "./modal";
