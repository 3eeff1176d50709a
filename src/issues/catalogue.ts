import type { Issue, Location, Severity } from './types.js';

/**
 * One catalogue entry: severity, message and fix as functions of typed parameters.
 * Each area (file, layout, values, rules, text, lint, ...) keeps its entries in its own
 * module under `catalogue/` and the index merges them, so `makeIssue` only accepts codes
 * that have a Vietnamese message: a new code without one fails to compile.
 */
export interface Entry<P> {
  severity: Severity;
  /** Short title used in the documentation catalogue. */
  title: string;
  message: (p: P) => string;
  fix: (p: P) => string;
}

export function entry<P = Record<string, never>>(e: Entry<P>): Entry<P> {
  return e;
}

/** Builds the issue-maker for a catalogue object. */
export function issueMaker<C extends Record<string, Entry<never>>>(catalogue: C) {
  type Params<K extends keyof C> = C[K] extends Entry<infer P> ? P : never;
  return function makeIssue<K extends keyof C & string>(
    code: K,
    params: Params<K>,
    where: Location & { value?: string; label?: string } = {},
    severity?: Severity,
  ): Issue {
    const e = catalogue[code] as unknown as Entry<Params<K>>;
    return {
      code,
      severity: severity ?? e.severity,
      message: e.message(params),
      fix: e.fix(params),
      ...where,
    };
  };
}
