export { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
export { quoteIdent, quoteIdents, redactSecrets } from './sql.js';
export { runSteps } from './steps.js';
export type {
  RawColumn,
  RawColumns,
  RawType,
  RunStepsOptions,
  SqlExecutor,
  SqlParams,
  SqlResultValue,
  SqlRow,
  SqlStep,
  SqlValue,
  StepReport,
  Workspace,
  WorkspaceOptions,
  Writer,
} from './types.js';
export { RAW_WIDTHS } from './types.js';
export { clearJob, doneUnits, isDone, markDone } from './work-units.js';
export { DB_FILE, openWorkspace } from './workspace.js';
