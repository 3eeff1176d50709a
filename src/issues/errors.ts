/**
 * Known operational failures (STYLE.md habit 6): shown without a stack, with a hint,
 * and mapped to exit code 2 ("cannot run"). Findings in the data are Issues, not errors.
 */
export type ErrorCode =
  | 'bad-option'
  | 'no-workspace'
  | 'config-invalid'
  | 'outline-invalid'
  | 'units-invalid'
  | 'output-exists'
  | 'write-failed'
  | 'read-failed'
  | 'office-missing'
  | 'office-failed'
  | 'internal';

export class BctdError extends Error {
  readonly code: ErrorCode;
  /** Vietnamese hint: what the user can do. */
  readonly hint: string | undefined;
  /** Extra lines (for example every error of a broken outline). */
  readonly details: readonly string[];

  constructor(
    code: ErrorCode,
    message: string,
    opts: { hint?: string; details?: readonly string[]; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'BctdError';
    this.code = code;
    this.hint = opts.hint;
    this.details = opts.details ?? [];
  }
}

/** Exit codes, the one contract of every command (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  findings: 1,
  cannotRun: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
