// The public library surface: named re-exports only.
export * from "./model/index.js";
