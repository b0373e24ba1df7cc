/** The event-study engine's public API: pure functions over typed arrays (see docs/methods.md). */
export * from './types.js'
export {runEventStudy, formatRelativeDay} from './event-study.js'
export {abnormalVolatility} from './volatility.js'
export type {VolatilityOptions, VolatilityOutput, VolatilityRow, VolatilityGroup} from './volatility.js'
export {abnormalVolume, abnormalVolumeRows} from './volume.js'
export type {VolumePanel, VolumeRows, VolumeOptions, VolumeOutput, VolumeDay} from './volume.js'
export {
  normalCdf,
  normalTwoSidedP,
  normalQuantile,
  studentTCdf,
  studentTTwoSidedP,
  studentTQuantile,
  fUpperTail,
  incompleteBeta,
  logGamma,
} from './distributions.js'
export {mean, variance, sd} from './stats.js'
export {ols} from './ols.js'
export type {OlsFit} from './ols.js'
export {
  MODEL_PARAMETERS,
  modelParameters,
  fitModel,
  expectedReturn,
  predictionErrorFactor,
  carVariance,
  isExclusion,
} from './models.js'
export {fitLinearModel, isLinearFailure, linearPredictionErrorFactor, linearCarVariance} from './linear-model.js'
export type {LinearFit, Regressor} from './linear-model.js'
export {fitScholesWilliams, fitDimson} from './thin-trading.js'
export {fitFactorModels} from './factor-model.js'
export {modelReport, adjustedR2} from './coefficients.js'
export type {Coefficient, ModelReport} from './coefficients.js'
export {abnormalReturn, standardizedAbnormalReturn, buyAndHoldAbnormalReturn, singleSecurityT} from './abnormal.js'
export {
  crossSectionalT,
  brownWarner1980,
  brownWarner1985,
  patellZ,
  bmp,
  kolariPynnonen,
  nullTest,
} from './parametric-tests.js'
export {standardizedRanks, corradoDay, corradoWindow} from './rank-test.js'
export {signTest, generalizedSignTest, countPositive} from './sign-tests.js'
export {wilcoxonSignedRank} from './wilcoxon.js'
export {
  pairwiseMeanCorrelation,
  aggregateMeanCorrelation,
  AggregateCorrelation,
  PAIRWISE_MAX_N,
} from './cross-correlation.js'
export {holm, benjaminiHochberg} from './multiple-testing.js'
export {crossSectionRegression, INTERCEPT} from './cross-section-regression.js'
export type {
  RegressionColumn,
  RegressionOptions,
  RegressionTerm,
  RegressionFit,
  RegressionFailure,
} from './cross-section-regression.js'
export {createRandom} from './random.js'
export type {Random} from './random.js'
export {signFlipBootstrap, estimationWindowBootstrap} from './bootstrap.js'
export type {BootstrapScheme, BootstrapResult} from './bootstrap.js'
export {grank} from './grank.js'
export type {GrankResult} from './grank.js'
export {corradoZivneySign} from './corrado-sign.js'
