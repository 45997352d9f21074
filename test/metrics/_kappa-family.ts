/** Every kappa-family metric of this branch by its reference name (shared by the tests). */
import type { MetricResult, ReliabilityMatrix } from "../../src/model/reliability-matrix.js";
import { brennanPrediger } from "../../src/metrics/brennan-prediger.js";
import { cohenKappa } from "../../src/metrics/cohen-kappa.js";
import { congerKappa } from "../../src/metrics/conger-kappa.js";
import { daviesFleissKappa } from "../../src/metrics/davies-fleiss-kappa.js";
import { fleissKappa } from "../../src/metrics/fleiss-kappa.js";
import { gwetAC1 } from "../../src/metrics/gwet-ac1.js";
import { gwetAC2 } from "../../src/metrics/gwet-ac2.js";
import { lightKappa } from "../../src/metrics/light-kappa.js";
import { lightKappaPairwiseDeletion } from "../../src/metrics/light-kappa-pairwise-deletion.js";
import { percentAgreement } from "../../src/metrics/percent-agreement.js";
import { percentAgreementUnanimous } from "../../src/metrics/percent-agreement-unanimous.js";
import { scottPi } from "../../src/metrics/scott-pi.js";

export const KAPPA_FAMILY: Record<string, (matrix: ReliabilityMatrix) => MetricResult> = {
  percentAgreement,
  percentAgreementUnanimous,
  cohenKappa: (matrix) => cohenKappa(matrix),
  weightedKappaLinear: (matrix) => cohenKappa(matrix, "linear"),
  weightedKappaQuadratic: (matrix) => cohenKappa(matrix, "quadratic"),
  scottPi,
  fleissKappa,
  daviesFleissKappa,
  lightKappa,
  lightKappaPairwiseDeletion,
  congerKappa,
  gwetAC1,
  gwetAC2Linear: (matrix) => gwetAC2(matrix, "linear"),
  gwetAC2Quadratic: (matrix) => gwetAC2(matrix, "quadratic"),
  brennanPrediger,
};

/** Metrics defined only for exactly two coders. */
export const TWO_CODER_METRICS = new Set(["cohenKappa", "weightedKappaLinear", "weightedKappaQuadratic", "scottPi"]);
/** Metrics that need numeric values. */
export const NUMERIC_METRICS = new Set(["weightedKappaLinear", "weightedKappaQuadratic", "gwetAC2Linear", "gwetAC2Quadratic"]);
