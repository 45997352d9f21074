// The public library surface: named re-exports only (files starting with "_" stay internal).
export * from "./model/index.js";

// Coefficients (src/metrics): each takes a coders × units matrix and returns a MetricResult.
export { percentAgreement } from "./metrics/percent-agreement.js";
export { percentAgreementUnanimous } from "./metrics/percent-agreement-unanimous.js";
export { cohenKappa } from "./metrics/cohen-kappa.js";
export { scottPi } from "./metrics/scott-pi.js";
export { fleissKappa } from "./metrics/fleiss-kappa.js";
export { daviesFleissKappa } from "./metrics/davies-fleiss-kappa.js";
export { lightKappa } from "./metrics/light-kappa.js";
export { lightKappaPairwiseDeletion } from "./metrics/light-kappa-pairwise-deletion.js";
export { congerKappa } from "./metrics/conger-kappa.js";
export { gwetAC1 } from "./metrics/gwet-ac1.js";
export { gwetAC2 } from "./metrics/gwet-ac2.js";
export { brennanPrediger } from "./metrics/brennan-prediger.js";
export { studentTQuantile } from "./metrics/student-t.js";
export { krippendorffAlpha, type AlphaOptions } from "./metrics/krippendorff-alpha.js";
export { codeRatings, krippendorffAlphaCoded } from "./metrics/krippendorff-alpha-coded.js";
export { krippendorffAlphaSets, masiDistance, masiDistanceNltk, jaccardDistance, type SetDistance } from "./metrics/krippendorff-alpha-sets.js";
export { alphaBootstrap, unitsBootstrap, alphaMetric, type BootstrapOptions, type AlphaBootstrapOptions, type BootstrapResult } from "./metrics/bootstrap.js";
export { unitizingAlpha, type UnitizingAlphaResult, type UnitizingContinuum, type UnitizingSpan } from "./metrics/unitizing-alpha.js";
export { unitizingAlphaPairwise2004 } from "./metrics/unitizing-alpha-pairwise-2004.js";
export { agreementTable, agreementTableSets, type AgreementTable } from "./metrics/agreement-table.js";

// Importers (src/io).
export { readCoded, detectFormat, type InputFormat, type ReadOptions, type ReadResult } from "./io/index.js";
export { readDelve, parseDelve, looksLikeDelve, type DelveOptions } from "./io/delve.js";
export { readQdpx, readQde, type QdpxOptions, type QdpxProject } from "./io/qdpx.js";
export { writeQdpx } from "./io/qdpx-write.js";
export { plainTextTurns } from "./io/plain-text-turns.js";
export { readRatings, type RatingsOptions, type Ratings, type SetRatings } from "./io/ratings-csv.js";
export { readLongCodedCsv, readWideCodedCsv, writeLongCodedCsv, writeWideCodedCsv } from "./io/coded-csv.js";
export { readCodebook } from "./io/codebook.js";
export { inspectSummary, renderInspect, type InspectSummary } from "./io/inspect.js";
export { loadStudy, type LoadedStudy } from "./io/load-study.js";
export { readTaguette, readTranscriptText } from "./io/taguette.js";
export { readExcerptTable, parseColumnMap, type ColumnMap } from "./io/excerpts.js";
export { locateExcerpt } from "./align/match-text.js";

// Alignment and units (src/align).
export { alignTranscripts, MIN_SIMILARITY } from "./align/align-turns.js";
export { alignStudy } from "./align/align-study.js";
export { presenceMatrix, setMatrix } from "./align/to-matrix.js";
export { toUnits, UNIT_KINDS } from "./align/units.js";
export { unitizingForTranscript, unitizingStudy } from "./align/unitizing.js";
export { buildHierarchy, rollUp, ancestors, codebookCoverage, type CodeHierarchy } from "./align/hierarchy.js";

// Reports (src/report).
export { buildReport, type BuildReportInput } from "./report/build-report.js";
export type { ReliabilityReport, CodeRow, PairRow, Disagreement, TranscriptSummary } from "./report/types.js";
export { renderMarkdown } from "./report/markdown.js";
export { renderJson } from "./report/json.js";
export { renderHtml } from "./report/html.js";
export { renderAdjudicationCsv } from "./report/adjudication.js";
export { reportCharts } from "./report/charts/report-charts.js";
export { forestPlot } from "./report/charts/forest-plot.js";
export { heatmap } from "./report/charts/heatmap.js";
export { roundsChart } from "./report/charts/rounds-chart.js";
export { compareRounds, renderRoundsMarkdown, parseRenameMap, type RoundsComparison } from "./report/compare-rounds.js";

// Example-study generator (src/simulate).
export { perturbDelve } from "./simulate/perturb.js";
export { makeExampleStudy } from "./simulate/make-example.js";
export { simulateStudy, type SimulateStudyOptions } from "./simulate/study.js";
export { bootstrapAllCodes } from "./report/parallel-bootstrap.js";
