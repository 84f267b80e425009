export * from "./confirm-dialog";
