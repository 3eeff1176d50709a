import type { ExitCode } from '../issues/errors.js';

/** What a command gets from the outside world; tests build one by hand. */
export interface CliContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** "Today", injected so that period choice and dates are testable. */
  now: Date;
  /** True when text output may use ANSI colour (TTY and no NO_COLOR). */
  color: boolean;
  /** True when stderr is a TTY (progress bars). */
  interactive: boolean;
  /** Progress line on stderr (no-op when not interactive). */
  progress: (done: number, total: number, label: string) => void;
}

/**
 * What every command returns. Only reporters turn it into output: with `--format json`
 * main prints `{...json, error: null}` as the one JSON document; with text it prints `text`.
 */
export interface CommandResult {
  exitCode: ExitCode;
  json: Record<string, unknown>;
  text: string;
}
