// The domain rules' public face for the server, jobs and store: pure functions over plain types.
export * from "./dates.ts";
export * from "./fanout.ts";
export * from "./matching.ts";
export * from "./periods.ts";
export * from "./scoring.ts";
export * from "./status.ts";
export * from "./text-search.ts";
export * from "./today.ts";
export type * from "./types.ts";
