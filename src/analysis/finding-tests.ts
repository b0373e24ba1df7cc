/**
 * The tests a conclusion about a group window counts, and the level at which each rejects "no abnormal return"
 * (docs/methods.md, "Significance in tables and findings"): parametric with and without event-induced variance
 * and cross-correlation (cross-sectional t, Brown-Warner 1985, BMP, Kolari-Pynnönen) and two non-parametric
 * ones (Corrado rank, generalized sign). The findings and the model-robustness comparison read the same set.
 */
import type {TestName} from '../engine/types.js'

export const FINDING_TESTS: readonly TestName[] = [
  'crossSectionalT',
  'brownWarner1985',
  'bmp',
  'kolariPynnonen',
  'corrado',
  'generalizedSign',
]

/** Level at which a finding counts a test as rejecting "no abnormal return". */
export const FINDING_ALPHA = 0.05
