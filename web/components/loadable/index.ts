export * from "./loadable";
