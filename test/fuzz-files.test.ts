/**
 * Issue 7, "Fuzzing": mutants of valid files (filled templates of bctd's own layout, and the
 * report DOCX) never make the pure readers throw. `validateWorkbook` always returns a
 * Submission whose problems are issues with a code and a Vietnamese message; `readDocx`
 * always returns a result. Seeded and deterministic: a failure names its seed and mutation,
 * and `mutate(bytes, seed)` reproduces it.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../src/lint/read.js';
import { makePeriod } from '../src/period/periods.js';
import { renderReport } from '../src/report/pack.js';
import { trieuSonSample } from '../src/report/sample.js';
import { validateWorkbook } from '../src/validate/engine.js';
import type { Submission } from '../src/validate/submission.js';
import { builtinOutline } from '../src/app/outline.js';
import { mutate, mutateBytes, mutatePackage, rng, XML_MUTATIONS } from './helpers/mutate.js';
import { DATA_2022, testOutline, unitWorkbook, UNITS } from './generate-fixture.js';

const SEED = 7_2022;
const outline = testOutline();
const units = Object.values(UNITS).map((u) => ({ ...u }));
const period = makePeriod('6m', 2022);

let workbooks: Uint8Array[];
let docx: Uint8Array;

beforeAll(async () => {
  workbooks = [
    await unitWorkbook('15664', '2022-6m', {
      values: DATA_2022['15664'],
      texts: { I: 'Đã ban hành kế hoạch số 12/KH-UBND.' },
    }),
    await unitWorkbook('TTYT', '2022-6m', { values: DATA_2022.TTYT }),
  ];
  docx = await renderReport(trieuSonSample());
}, 60_000);

/** A Submission as the CLI, the page and the aggregator expect it, whatever the file was. */
function expectSubmission(s: Submission, file: string): void {
  expect(s.file).toBe(file);
  expect(typeof s.valid).toBe('boolean');
  expect(Array.isArray(s.issues)).toBe(true);
  for (const i of s.issues) {
    expect(i.code).toMatch(/^[a-z0-9-]+$/);
    expect(['error', 'warning']).toContain(i.severity);
    expect(i.message.length).toBeGreaterThan(0);
  }
  // Invalid when any error was found: a mutant is never silently counted.
  if (s.issues.some((i) => i.severity === 'error')) expect(s.valid).toBe(false);
  expect(typeof s.values).toBe('object');
}

function check(bytes: Uint8Array, how: string): Submission {
  const file = 'dot-bien.xlsx';
  let s: Submission;
  try {
    s = validateWorkbook({ bytes, file, outlines: builtinOutline, outline, units, period });
  } catch (e) {
    throw new Error(`validateWorkbook threw on ${how}`, { cause: e });
  }
  expectSubmission(s, file);
  return s;
}

describe('validateWorkbook on mutated templates', () => {
  it('the originals are valid (so a mutant that stays valid is a real survivor)', () => {
    for (const w of workbooks) expect(check(w, 'original').valid).toBe(true);
  });

  it('600 seeded mutants (bytes and XML): never throws, always a Submission', () => {
    let invalid = 0;
    const codes = new Set<string>();
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 1 }), (seed, which) => {
        const m = mutate(workbooks[which]!, seed);
        const s = check(m.bytes, `${m.how} (seed ${seed}, workbook ${which})`);
        if (!s.valid) invalid++;
        for (const i of s.issues) codes.add(i.code);
      }),
      { numRuns: 600, seed: SEED },
    );
    // Most damage is noticed; the rest changed nothing validation reads (a flipped bit in a
    // style, say).
    expect(invalid).toBeGreaterThan(300);
    // The damage reaches every layer: the zip, the XML parser, the layout and the values.
    for (const c of ['file-corrupt', 'file-xml-malformed', 'file-xml-dtd', 'template-foreign'])
      expect(codes).toContain(c);
    expect(codes.size).toBeGreaterThanOrEqual(10);
  }, 60_000);

  it.each(XML_MUTATIONS)('%s on every part of the workbook, 20 seeds each', (kind) => {
    for (let seed = 0; seed < 20; seed++) {
      const m = mutatePackage(workbooks[seed % 2]!, rng(seed * 7919 + kind.length), kind);
      check(m.bytes, `${m.how} (seed ${seed})`);
    }
  });
});

describe('readDocx on mutated reports', () => {
  it('the original reads', () => {
    expect(readDocx(docx).ok).toBe(true);
  });

  it('500 seeded mutants: never throws, always a result', () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const m = mutate(docx, seed);
        let r: ReturnType<typeof readDocx>;
        try {
          r = readDocx(m.bytes);
        } catch (e) {
          throw new Error(`readDocx threw on ${m.how} (seed ${seed})`, { cause: e });
        }
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(typeof r.problem).toBe('string');
      }),
      { numRuns: 500, seed: SEED },
    );
  }, 60_000);

  it('byte damage alone, 100 seeds per kind', () => {
    for (const kind of ['flip', 'truncate', 'splice', 'insert', 'delete'] as const)
      for (let seed = 0; seed < 100; seed++)
        expect(() => readDocx(mutateBytes(docx, rng(seed), kind))).not.toThrow();
  });
});
