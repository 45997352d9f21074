/** Worker-thread entry of `bootstrapAllCodes`: bootstraps its chunk of codes and posts the results. */
import { parentPort, workerData } from "node:worker_threads";
import { bootstrapChunk, type PackedUnits } from "./_bootstrap-chunk.js";

const { packed, chunk, resamples, seed } = workerData as { packed: PackedUnits; chunk: number[]; resamples: number; seed: number };
parentPort?.postMessage(bootstrapChunk(packed, chunk, resamples, seed));
