export * from "./users";
export * from "./workflows";
export * from "./runs";
export * from "./queue";
export * from "./crm";
export * from "./accounts";
