/**
 * Issue 3, "Correctness": every reference case through the `agree` command. Every expected metric
 * of the case must be in the command's JSON (a missing metric fails), values within 1e-9, standard
 * errors and intervals within 1e-6.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REFERENCE_DIR } from "../_paths.js";
import { run } from "./_run.js";

interface Expected { value: number | null | (number | null)[] }
interface Metric { value: number | null; se?: number | null; se0?: number | null; ci95?: [number, number] | null; status: string }

const cases = readdirSync(REFERENCE_DIR).filter((f) => f.endsWith(".json")).sort();

function split(key: string): [string, "value" | "se" | "se0" | "ci95"] {
  if (key.endsWith("CI95")) return [key.slice(0, -4), "ci95"];
  if (key.endsWith("SE0")) return [key.slice(0, -3), "se0"];
  if (key.endsWith("SE")) return [key.slice(0, -2), "se"];
  return [key, "value"];
}

describe("intercoder agree reproduces every reference case", () => {
  it("covers all eleven cases", () => expect(cases).toHaveLength(11));

  for (const file of cases) {
    it(file.replace(/\.json$/, ""), async () => {
      const ref = JSON.parse(readFileSync(join(REFERENCE_DIR, file), "utf8")) as { level: string; expected: Record<string, Expected> };
      const csv = join(REFERENCE_DIR, file.replace(/\.json$/, ".csv"));
      const r = await run(["agree", csv, "--json", "--level", ref.level, "--bootstrap", "0"], REFERENCE_DIR);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { metrics: Record<string, Metric> };
      let checked = 0;
      for (const [key, exp] of Object.entries(ref.expected)) {
        const [name, part] = split(key);
        const m = out.metrics[name];
        expect(m, `${key}: agree does not output ${name}`).toBeDefined();
        if (part === "value") {
          if (exp.value === null) expect(m!.value, key).toBeNull();
          else expect(Math.abs(m!.value! - (exp.value as number)), key).toBeLessThanOrEqual(1e-9);
        } else if (part === "ci95") {
          // A null bound is a package's NaN (documented in the case's notes); the other bound still counts.
          const bounds = exp.value as (number | null)[] | null;
          if (bounds === null) continue;
          expect(m!.ci95, key).toBeTruthy();
          bounds.forEach((b, i) => {
            if (b !== null) expect(Math.abs(m!.ci95![i]! - b), `${key}[${i}]`).toBeLessThanOrEqual(1e-6);
          });
        } else {
          if (exp.value === null) continue; // irrCAC's NaN for ratio weights with 0 as a category
          expect(Math.abs((m![part] as number) - (exp.value as number)), key).toBeLessThanOrEqual(1e-6);
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(15);
    });
  }
});

describe("intercoder agree bootstraps", () => {
  it("gives alpha the Krippendorff-Hayes interval and every coefficient a units interval, the same digits for the same seed", async () => {
    const csv = join(REFERENCE_DIR, "krippendorff2011.csv");
    const args = ["agree", csv, "--json", "--level", "interval", "--bootstrap", "300", "--units-bootstrap", "--seed", "11"];
    const one = await run(args, REFERENCE_DIR);
    const two = await run(args, REFERENCE_DIR);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const out = JSON.parse(one.stdout) as { metrics: Record<string, Metric & { bootstrap?: { ci95: [number, number]; resamples: number; seed: number; pBelow: Record<string, number> }; bootstrapUnits?: { ci95: [number, number] } }> };
    const alpha = out.metrics["alphaInterval"]!;
    expect(alpha.bootstrap).toMatchObject({ resamples: 300, seed: 11 });
    expect(alpha.bootstrap!.ci95[0]).toBeLessThanOrEqual(alpha.value!);
    expect(alpha.bootstrap!.ci95[1]).toBeGreaterThanOrEqual(alpha.value!);
    expect(Object.keys(alpha.bootstrap!.pBelow)).toEqual(["0.667", "0.8"]);
    for (const [name, m] of Object.entries(out.metrics)) {
      if (m.status !== "ok") continue;
      expect(m.bootstrapUnits, name).toBeDefined();
      expect(m.bootstrapUnits!.ci95[0], name).toBeLessThanOrEqual(m.bootstrapUnits!.ci95[1]);
    }
    const other = await run([...args.slice(0, -1), "12"], REFERENCE_DIR);
    expect(other.stdout).not.toBe(one.stdout);
  });
});
