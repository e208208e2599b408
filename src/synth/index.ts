/**
 * Deterministic synthetic data: a company with customers and orders, claimed-leak samples
 * with known truth, and writers for every sample format. Used by `leakverify demo`, the
 * accuracy tests and the benchmarks.
 */
export {
  type Company,
  type CompanyOptions,
  CUSTOMER_COLUMNS,
  type Customer,
  generateCompany,
} from './company.js';
export { fakerFor } from './fakes.js';
export { type FormatName, type FormatSpec, renderText } from './formats.js';
export { formatCustomerId, isValidCustomerId } from './identity.js';
export {
  type CombolistOptions,
  combolist,
  DEFAULT_FIELDS,
  type FabricatedOptions,
  fabricated,
  fakesAroundRealEmails,
  type GenuineOptions,
  genuineExport,
  type MixOptions,
  mix,
  type OtherPlatformOptions,
  otherPlatform,
  type SampleOptions,
  type UnrelatedOptions,
  unrelated,
} from './leaks.js';
export { COUNTRY_CODES, type CountryCode, LOCALES, type Locale } from './locales.js';
export { isPublicIPv4 } from './net.js';
export type { DateStyle } from './noise.js';
export { ORDER_COLUMNS, type Order } from './orders.js';
export { formatPhone, type PhoneStyle } from './phones.js';
export { Random, type Seed } from './random.js';
export { customersTable, ordersTable, writeCompany } from './records.js';
export {
  type HeaderStyle,
  type LeakSample,
  type RowTruth,
  type SampleField,
  sampleTable,
  type Truth,
} from './sample.js';
export {
  buildScenarios,
  type Scenario,
  type ScenarioOptions,
  type TruthShares,
  truthShares,
  type VerdictLabel,
  type WrittenScenario,
  writeScenarios,
} from './scenarios.js';
export type { ColumnType, Table } from './table.js';
export {
  fileNameFor,
  renderSample,
  type WriteOptions,
  type WriteResult,
  writeArchive,
  writeSample,
} from './write.js';
