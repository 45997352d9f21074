export * from "./errors.js";
export * from "./diagnostic.js";
export * from "./transcript.js";
export * from "./reliability-matrix.js";
export * from "./aligned.js";
export * from "./order.js";
