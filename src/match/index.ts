/**
 * Identity linkage of sample rows to records on protected features: blocking, comparison,
 * Fellegi–Sunter with EM, term frequencies, one-to-one assignment, link levels.
 */
export { assignOneToOne, greedyAssign } from './assign.js';
export { blockingReportSql, blockingSteps, fallbackReportSql, recordsUnionSql, T } from './blocking.js';
export { comparisonSql, gammaSql } from './comparison.js';
export {
  type Comparison,
  type ComparisonLevel,
  DEFAULT_DICE,
  type DiceThresholds,
  defaultComparisons,
} from './comparison-levels.js';
export { patternsSql, randomPairsSql, runEm, touchingRules, uFromCounts } from './em.js';
export {
  buildFeatures,
  buildFeaturesFromValues,
  collectValues,
  type EntityValues,
  FeatureKeys,
  type FeatureRow,
  featureRowValues,
  type NormalizedField,
} from './features.js';
export { type LinkLevel, levelOf, levelSql } from './levels.js';
export {
  type BlockingRuleReport,
  type FallbackReport,
  type Link,
  type LinkDb,
  type LinkOptions,
  type LinkResult,
  linkSample,
  type RecordTableRef,
} from './link.js';
export type { ComparisonParams, LevelParams, ModelParams } from './model.js';
export { predictSql } from './predict.js';
export {
  BLOOMS,
  type BloomName,
  FEATURE_COLUMNS,
  FEATURE_TABLE_COLUMNS,
  FINGERPRINTS,
  type FingerprintName,
  featureTableSql,
} from './schema.js';
export {
  type BlockingRule,
  DEFAULT_SETTINGS,
  type LinkSettings,
  type LinkSettingsInput,
  resolveSettings,
} from './settings.js';
export { tfSteps } from './tf.js';
