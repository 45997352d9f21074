import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/cli/progress.js";

function terminal(isTTY = true) {
  const written: string[] = [];
  return { io: { stderr: (t: string) => void written.push(t), stderrIsTTY: isTTY }, written };
}

/** A clock the test moves by hand. */
function clock() {
  let t = 0;
  return { now: () => t, set: (ms: number) => { t = ms; } };
}

describe("createProgress", () => {
  it("writes nothing when standard error is not a terminal", () => {
    const { io, written } = terminal(false);
    const bar = createProgress(io, { label: "bootstrap", total: 3 });
    bar.tick(); bar.tick(2); bar.done();
    expect(written).toEqual([]);
  });

  it("writes nothing with quiet, even on a terminal", () => {
    const { io, written } = terminal(true);
    const bar = createProgress(io, { label: "bootstrap", total: 3, quiet: true });
    bar.tick(); bar.done();
    expect(written).toEqual([]);
  });

  it("draws the bar in place with a carriage return, then ends the line", () => {
    const { io, written } = terminal();
    const c = clock();
    const bar = createProgress(io, { label: "bootstrap", total: 4, width: 8, now: c.now });
    bar.tick();
    c.set(150);
    bar.tick();
    c.set(200);
    bar.tick(2);
    bar.done();
    expect(written).toEqual([
      "\rbootstrap [##......]  25%  1/4",
      "\rbootstrap [####....]  50%  2/4",
      "\rbootstrap [########] 100%  4/4",
      "\n",
    ]);
  });

  it("redraws at most about ten times a second, and always at completion", () => {
    const { io, written } = terminal();
    const c = clock();
    const bar = createProgress(io, { label: "resamples", total: 1000, now: c.now });
    for (let i = 0; i < 1000; i++) {
      c.set(i); // one tick per millisecond: one second in all
      bar.tick();
    }
    bar.done();
    // Draws at 0, 100, …, 900 ms (10) plus the one at 1000/1000; done adds only the line end.
    expect(written.filter((w) => w.startsWith("\r"))).toHaveLength(11);
    expect(written.at(-2)).toContain("1000/1000");
    expect(written.at(-1)).toBe("\n");
    expect(written.slice(0, 3).map((w) => w.slice(w.indexOf("]") + 1))).toEqual(["   0%  1/1000", "  10%  101/1000", "  20%  201/1000"]);
  });

  it("draws the last count on done when the final ticks were not drawn, and ignores calls after done", () => {
    const { io, written } = terminal();
    const c = clock();
    const bar = createProgress(io, { label: "work", total: 10, width: 10, now: c.now });
    bar.tick(3);
    c.set(10);
    bar.tick(2);
    bar.done();
    bar.tick();
    bar.done();
    expect(written).toEqual(["\rwork [###.......]  30%  3/10", "\rwork [#####.....]  50%  5/10", "\n"]);
  });
});
