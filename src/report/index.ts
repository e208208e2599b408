/** The report stage: renderers (JSON schema, HTML, statement, rows.csv) and signed evidence. */
export {
  BUNDLE_FILES,
  type BundleOptions,
  type BundleResult,
  writeReportBundle,
} from './bundle.js';
export { buildLinkageSummary, buildRowsSample } from './extensions.js';
export { CONTENT_SECURITY_POLICY, renderHtml } from './html.js';
export { escapeHtml, html } from './html-escape.js';
export {
  MANIFEST_FILE,
  type Manifest,
  type ManifestInput,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  type VerifyOptions,
  type VerifyResult,
  verifyEvidence,
} from './manifest.js';
export { maskEmail, maskName, maskPhone, maskRow, maskValue } from './mask.js';
export { ROWS_CSV_HEADER, renderRowsCsv } from './rows-csv.js';
export { canonicalJson, loadOrCreateSigningKey, normalizeFingerprint, type SigningKey } from './sign.js';
export { renderStatement, type StatementOptions } from './statement.js';
export type * from './types.js';
export { type ValidationResult, validateReport } from './validate.js';
