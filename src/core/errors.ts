/**
 * Errors that cross a stage boundary carry a stable, namespaced `code` (`ingest.encoding`,
 * `cli.usage`, ...) that tests assert and the CLI maps to an exit code in one place.
 */
export type ErrorCode =
  | 'cli.usage'
  | 'input.not-found'
  | 'input.unreadable'
  | 'input.empty'
  | 'input.too-large'
  | 'input.unusable'
  | 'ingest.compression'
  | 'ingest.zip-bomb'
  | 'ingest.encoding'
  | 'ingest.format'
  | 'ingest.limit'
  | 'fields.mapping'
  | 'protect.key'
  | 'protect.wrong-key'
  | 'store.open'
  | 'store.schema'
  | 'store.sql'
  | 'evidence.invalid'
  | 'server.too-large'
  | 'server.sealed'
  | 'server.invalid-input'
  | 'internal';

export class LeakverifyError extends Error {
  readonly code: ErrorCode;
  /** A sentence telling the user what to do about it, printed after the message. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LeakverifyError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** Exit codes of SPEC.md: 0 success, 2 usage error, 3 unreadable input, 1 anything else. */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof LeakverifyError)) return 1;
  if (error.code === 'cli.usage' || error.code === 'fields.mapping' || error.code.startsWith('protect.'))
    return 2;
  if (error.code.startsWith('input.') || error.code.startsWith('ingest.')) return 3;
  return 1;
}

export function isLeakverifyError(error: unknown, code?: ErrorCode): error is LeakverifyError {
  return error instanceof LeakverifyError && (code === undefined || error.code === code);
}
