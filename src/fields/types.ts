import type { ColumnParams, FieldKind } from '../core/types.js';

/** What field understanding decided about one column of a sample. */
export interface ColumnProfile {
  readonly index: number;
  readonly name: string;
  readonly kind: FieldKind;
  /** 0..1: how sure we are of `kind`, combining header and value evidence. */
  readonly confidence: number;
  readonly params: ColumnParams;
  /** One short sentence: why this kind (e.g. "header 'telefono' (it); 97% valid IT numbers"). */
  readonly evidence: string;
  /** The kinds that scored next, best first, for `inspect --json`. */
  readonly alternatives: readonly { readonly kind: FieldKind; readonly score: number }[];
  /** For composite columns (full name, one-line address): the parts normalisation yields. */
  readonly splits?: readonly FieldKind[];
  /** True when the kind came from a user mapping file rather than inference. */
  readonly mapped?: boolean;
}

/** A user's override: column name → kind, optionally with parameters. */
export type ColumnMapping = Readonly<
  Record<string, FieldKind | { readonly kind: FieldKind; readonly params?: ColumnParams }>
>;
