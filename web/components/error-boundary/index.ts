export * from "./error-boundary";
