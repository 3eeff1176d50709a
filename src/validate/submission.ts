import type { Issue } from '../issues/types.js';

/**
 * What validation keeps of one unit's workbook: numbers and flags, never the workbook itself
 * nor its narrative text (a province rolls up 10,000 of these; `--narratives` reads the files
 * again). This is the contract between `validate` (producer) and `aggregate` (consumer).
 */

/** The member key used for an input without a category set. */
export const SINGLE = 'value';

/**
 * One input's values: member code (or `value`) -> number, or null when not reported.
 * Derived members (e.g. `nam = tong - nu`) are computed by validation from the entered cells,
 * never taken from the unit's own formulas. yes_no inputs hold 1 (Có) or 0 (Không).
 * A member that is not applicable (placeholder `x`) is absent.
 */
export type InputValues = Record<string, number | null>;

export interface SubmissionUnit {
  code: string;
  name: string;
  /** From units.yaml when known (null when validating without a workspace). */
  kind: string | null;
}

export interface Submission {
  /** Path as given (or the file name in the browser). */
  file: string;
  /** sha256 of the bytes, hex (filled by the app layer, which has crypto). */
  sha256?: string;
  unit: SubmissionUnit | null;
  /** `2022-6m`, from the stamp or the Thông tin sheet; null when unknown. */
  period: string | null;
  outline: { id: string; version: string } | null;
  /** Preparer's date from the Thông tin sheet (ISO `YYYY-MM-DD`), used for timeliness when the ledger has no entry. */
  preparedOn: string | null;
  /** Numbers per input code. Inputs the unit does not report are absent. */
  values: Record<string, InputValues>;
  /** Text inputs (type `text`) per input code. */
  texts: Record<string, string>;
  /** Narrative section numbers (full, e.g. `II.3`) that the unit filled in. */
  narrativesFilled: string[];
  issues: Issue[];
  /** No issue of severity error. */
  valid: boolean;
}

/** A Submission with nothing read yet, for a file that could not be checked (its issue is added). */
export function blankSubmission(file: string): Submission {
  return {
    file,
    unit: null,
    period: null,
    outline: null,
    preparedOn: null,
    values: {},
    texts: {},
    narrativesFilled: [],
    issues: [],
    valid: false,
  };
}
