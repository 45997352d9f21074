/**
 * Where tests find their data, on any clone: the repository root, the reference cases copied into
 * test/fixtures/reference, and the project's shared folder (CI lays it beside the clone).
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const REFERENCE_DIR = process.env["INTERCODER_REFERENCE_DIR"] ?? join(REPO_ROOT, "test", "fixtures", "reference");
export const SHARED_DIR = join(REPO_ROOT, "..", "shared");
export const REAL_WORLD_DIR = join(SHARED_DIR, "real-world");
