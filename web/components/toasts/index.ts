export * from "./toaster";
