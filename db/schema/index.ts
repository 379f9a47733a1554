export * from "./tenants";
export * from "./users";
export * from "./parties";
export * from "./agreements";
export * from "./facts";
export * from "./audit";
export * from "./metrics";
export * from "./plans";
