/**
 * The analysis stage: record corroboration, fabrication / recycling / size signals and the
 * verdict, from plain data the pipeline fills (see types.ts for the input contract).
 */
export { analyzeSample } from './analyze.js';
export { type CheckScheme, passesCheck } from './check-digits.js';
export { corroborate, estimateShares, judgeRow, ourRecordCount, PLATFORM_FIELDS } from './corroborate.js';
export { checkIdFormat, describeIdFormat, fitsIdFormat, type IdFit, type IdFormat } from './id-format.js';
export { IdFormatLearner, learnIdFormat } from './id-format-learner.js';
export { learnRecordProfile, type RecordProfileInput } from './record-profile.js';
export { createSampleView, type SampleView } from './sample-view.js';
export { parseClaimedRows } from './signals/size.js';
export { clopperPearson } from './stats.js';
export type {
  Agreement,
  AnalysisInput,
  AnalysisOptions,
  AnalysisResult,
  CorroborationSummary,
  Estimate,
  LibraryInput,
  LinkedRow,
  RecordProfile,
  RowProvenance,
  SampleColumn,
  Verdict,
} from './types.js';
export {
  fitsUsernameProfile,
  learnUsernameProfile,
  type UsernameEntry,
  type UsernameProfile,
} from './username-profile.js';
export { comparableFields, decideVerdict } from './verdict.js';
