import { describe, expect, it } from "vitest";
import { alphaInterval, coderPairMatrix, reportCharts } from "../../src/report/charts/report-charts.js";
import { fixtureReport } from "./_fixture-report.js";

describe("reportCharts", () => {
  const report = fixtureReport();
  const charts = reportCharts(report);

  it("gives the three charts by file name, each a standalone SVG, the same on every call", () => {
    expect(Object.keys(charts)).toEqual(["alpha-forest.svg", "coder-pairs.svg", "substitutions.svg"]);
    for (const svg of Object.values(charts)) expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(reportCharts(fixtureReport())).toEqual(charts);
  });

  it("plots alpha per code with the bootstrap interval, else the analytic one, else none", () => {
    expect(alphaInterval(report.codes[0]!)).toEqual([0.181, 0.623]); // bootstrap beats analytic [0.2, 0.6]
    expect(alphaInterval(report.codes[1]!)).toEqual([0.31, 0.79]); // analytic only
    expect(alphaInterval(report.codes[4]!)).toBeNull(); // bootstrap without an interval, no analytic one
    const forest = charts["alpha-forest.svg"]!;
    expect(forest).toContain(">0.412 [0.181, 0.623]<");
    expect(forest).toContain(">0.550 [0.310, 0.790]<");
    expect(forest).toContain(">undefined (no-variation)<");
  });

  it("fills the coder-pair matrix symmetrically from the pairs' mean kappa, diagonal empty", () => {
    expect(coderPairMatrix(report)).toEqual([
      [null, 0.5212, 0.6804],
      [0.5212, null, 0.4901],
      [0.6804, 0.4901, null],
    ]);
    expect(charts["coder-pairs.svg"]).toContain("Ana: Ana no value, Ben 0.52, Cleo 0.68");
  });

  it("draws the substitution counts", () => {
    expect(charts["substitutions.svg"]).toContain("Barriers-cost: Barriers-cost 0, Barriers-time 3, Support-family 0, Support-peers 0");
  });
});
