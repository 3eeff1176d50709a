/**
 * Properties of the outline's expression language (issue 7, "Fuzzing and properties"): what
 * `formatExpr` prints parses back to an expression that evaluates the same; no text, however
 * strange, makes `parseExpr` throw (it returns an error with a column); a division by zero is
 * always reported, never Infinity or NaN.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  formatExpr,
  isDivisionByZero,
  parseExpr,
  type ArithOp,
  type CompareOp,
  type EvalResult,
  type Expr,
  type FunctionName,
  type Lookup,
} from '../src/outline/expr.js';

const SEED = 20220705;

const CODES = ['A', 'B', 'SINH_SONG', 'CB', 'X_1'] as const;
const MEMBERS = ['nam', 'nu', 'tong'] as const;

const num: fc.Arbitrary<Expr> = fc
  .oneof(
    fc.integer({ min: 0, max: 1_000_000 }),
    fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1000),
  )
  .map((value) => ({ kind: 'number', value, column: 1 }));

const ref: fc.Arbitrary<Expr> = fc
  .tuple(fc.constantFrom(...CODES), fc.option(fc.constantFrom(...MEMBERS), { nil: undefined }))
  .map(([code, member]) =>
    member === undefined
      ? { kind: 'ref', code, column: 1, text: code }
      : { kind: 'ref', code, member, column: 1, text: `${code}.${member}` },
  );

/** Random well-formed ASTs, bounded in depth, with the arities the parser accepts. */
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    num,
    ref,
    tie('e').map((arg): Expr => ({ kind: 'neg', arg, column: 1 })),
    fc
      .tuple(fc.constantFrom<ArithOp>('+', '-', '*', '/'), tie('e'), tie('e'))
      .map(([op, left, right]): Expr => ({ kind: 'arith', op, left, right, column: 1 })),
    fc
      .tuple(fc.constantFrom<CompareOp>('=', '!=', '<', '<=', '>', '>='), tie('e'), tie('e'))
      .map(([op, left, right]): Expr => ({ kind: 'compare', op, left, right, column: 1 })),
    fc
      .tuple(
        fc.constantFrom<FunctionName>('sum', 'min', 'max'),
        fc.array(tie('e'), { minLength: 1, maxLength: 3 }),
      )
      .map(([fn, args]): Expr => ({ kind: 'call', fn, args, column: 1 })),
    fc
      .tuple(tie('e'), tie('e'), tie('e'))
      .map((args): Expr => ({ kind: 'call', fn: 'if', args, column: 1 })),
    tie('e').map((a): Expr => ({ kind: 'call', fn: 'abs', args: [a], column: 1 })),
    fc
      .tuple(tie('e'), fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }))
      .map(([a, d]): Expr => ({
        kind: 'call',
        fn: 'round',
        args: d === undefined ? [a] : [a, { kind: 'number', value: d, column: 1 }],
        column: 1,
      })),
    ref.map((r): Expr => ({ kind: 'call', fn: 'count', args: [r], column: 1 })),
  ),
})).e;

/** Values for every reference: a number, or null (not reported). */
const lookupArb: fc.Arbitrary<Lookup> = fc
  .dictionary(
    fc.constantFrom(
      ...CODES.flatMap((c) => [c, ...MEMBERS.map((m) => `${c}.${m}`)]),
      ...CODES.map((c) => `#${c}`),
    ),
    fc.option(
      fc.integer({ min: -1000, max: 1000 }).map((n) => n / 4),
      { nil: null },
    ),
  )
  .map((d) => (code: string, member: string | undefined, counted: boolean) => {
    const k = counted ? `#${code}` : member === undefined ? code : `${code}.${member}`;
    return d[k] ?? (counted ? 0 : 1);
  });

/** Results compared as a user sees them: the number, "missing", or "division by zero". */
const shape = (v: EvalResult): number | null | 'div0' => (isDivisionByZero(v) ? 'div0' : v);

const sameNumber = (a: number | null | 'div0', b: number | null | 'div0'): boolean =>
  typeof a === 'number' && typeof b === 'number'
    ? a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
    : a === b;

describe('formatExpr and parseExpr', () => {
  it('a printed expression parses back and evaluates the same', () => {
    fc.assert(
      fc.property(exprArb, lookupArb, (ast, lookup) => {
        const text = formatExpr(ast);
        const back = parseExpr(text);
        if (!back.ok) throw new Error(`"${text}" does not parse: ${back.error.message}`);
        // Printing is stable: the reparsed expression prints the same text.
        expect(formatExpr(back.ast)).toBe(text);
        const a = shape(evaluate(ast, lookup));
        const b = shape(evaluate(back.ast, lookup));
        if (!sameNumber(a, b)) throw new Error(`"${text}": ${String(a)} vs ${String(b)}`);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('no result is ever Infinity or NaN: a zero denominator is reported instead', () => {
    fc.assert(
      fc.property(exprArb, lookupArb, (ast, lookup) => {
        const v = evaluate(ast, lookup);
        if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('dividing by an expression that is zero is always reported as division by zero', () => {
    fc.assert(
      fc.property(exprArb, exprArb, lookupArb, (top, inner, lookup) => {
        // top / (inner - inner) with both sides known: the denominator is exactly 0.
        const zero: Expr = { kind: 'arith', op: '-', left: inner, right: inner, column: 1 };
        const ast: Expr = { kind: 'arith', op: '/', left: top, right: zero, column: 1 };
        const l = evaluate(top, lookup);
        const z = evaluate(zero, lookup);
        const v = evaluate(ast, lookup);
        if (typeof l === 'number' && typeof z === 'number') expect(isDivisionByZero(v)).toBe(true);
        // The same through the text a clerk would type.
        const parsed = parseExpr(formatExpr(ast));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(shape(evaluate(parsed.ast, lookup))).toEqual(shape(v));
      }),
      { numRuns: 500, seed: SEED },
    );
  });
});

describe('parseExpr on any text', () => {
  const tokenSoup = fc
    .array(
      fc.constantFrom(
        'A',
        'SINH_SONG',
        '.',
        'nam',
        '1',
        '2.5',
        '0',
        '+',
        '-',
        '*',
        '/',
        '(',
        ')',
        ',',
        '=',
        '==',
        '<>',
        '<',
        '>=',
        'sum',
        'if',
        'round',
        'count',
        ' ',
        '..',
        '1.',
        '.5',
        '$',
        'é',
        '\u0000',
      ),
      { maxLength: 40 },
    )
    .map((xs) => xs.join(''));

  it.each([
    ['printable strings', fc.string({ maxLength: 200 })],
    ['any UTF-16 code units', fc.string({ unit: 'binary', maxLength: 200 })],
    ['token soup', tokenSoup],
  ] as const)('%s: never throws, errors carry a column inside the text', (_, arb) => {
    fc.assert(
      fc.property(arb, (text) => {
        const r = parseExpr(text);
        if (!r.ok) {
          expect(typeof r.error.message).toBe('string');
          expect(r.error.message.length).toBeGreaterThan(0);
          expect(r.error.column).toBeGreaterThanOrEqual(1);
          expect(r.error.column).toBeLessThanOrEqual(text.length + 1);
        }
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('deep nesting is an error or a value, never a stack overflow', () => {
    expect(parseExpr(`${'('.repeat(50)}1${')'.repeat(50)}`)).toMatchObject({ ok: true });
    for (const depth of [1000, 10_000, 100_000]) {
      const brackets = parseExpr(`${'('.repeat(depth)}1${')'.repeat(depth)}`);
      expect(brackets).toMatchObject({ ok: false, error: { message: /lồng quá sâu/ } });
      expect(parseExpr(`${'-'.repeat(depth)}1`)).toMatchObject({ ok: false });
      expect(parseExpr(`${'sum('.repeat(depth)}1${')'.repeat(depth)}`)).toMatchObject({
        ok: false,
      });
    }
  });
});
