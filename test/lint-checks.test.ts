import { describe, expect, it } from 'vitest';
import { lintDocx, type LintOutcome } from '../src/lint/index.js';
import { buildReport, FAULTS } from './helpers/docx-faults.js';

function failing(o: LintOutcome): string[] {
  if (!o.readable) throw new Error(`unreadable: ${o.problem} ${o.detail}`);
  return o.checks.filter((c) => c.status === 'fail').map((c) => c.code);
}

/** Failing checks with their findings, so that a broken expectation shows why. */
function explain(o: LintOutcome): unknown {
  if (!o.readable) return o;
  return o.checks
    .filter((c) => c.status === 'fail')
    .map((c) => ({
      code: c.code,
      findings: c.findings.map((f) => `${f.text ?? ''} | ${f.found}`),
    }));
}

describe('lint: correct documents pass', () => {
  it('a correct báo cáo conforms, with every static check evaluated', async () => {
    const o = lintDocx(await buildReport());
    expect(explain(o)).toEqual([]);
    expect(o.readable && o.type).toBe('bao-cao');
    if (!o.readable) return;
    const notChecked = o.checks.filter((c) => c.status === 'not-checked').map((c) => c.code);
    // Only what needs the rendered pages is left unevaluated without --render.
    expect(notChecked).toEqual([
      'nd30-render-quoc-hieu-line',
      'nd30-render-no-number-page-1',
      'nd30-render-number-page-2',
      'nd30-render-so-date-line',
    ]);
    expect(o.conforms).toBe(true);
  });

  it('a correct draft (blank number, day and month) conforms', async () => {
    const o = lintDocx(await buildReport({ draft: true }));
    expect(explain(o)).toEqual([]);
  });

  it('formatting that comes only from styles is judged by its effective value', async () => {
    const o = lintDocx(await buildReport({ viaStyles: true }));
    expect(explain(o)).toEqual([]);
    const bad = lintDocx(
      await buildReport({ viaStyles: true, qhNotBold: true, arial12Body: true }),
    );
    expect(failing(bad).sort()).toEqual(['nd30-body-size', 'nd30-font-family', 'nd30-quoc-hieu']);
  });
});

describe('lint: each fault is caught by exactly its check', () => {
  for (const { name, faults, fails } of FAULTS) {
    it(name, async () => {
      const o = lintDocx(await buildReport(faults));
      expect(failing(o).sort(), JSON.stringify(explain(o), null, 1)).toEqual([...fails].sort());
    });
  }
});

describe('lint: documents made by hand', () => {
  it('a header typed as tab-separated paragraphs is found; the column room is not-checked, not passed', async () => {
    const o = lintDocx(await buildReport({ tabHeader: true }));
    expect(explain(o)).toEqual([]);
    if (!o.readable) return;
    const status = Object.fromEntries(o.checks.map((c) => [c.code, c.status]));
    expect(status['nd30-quoc-hieu']).toBe('pass');
    expect(status['nd30-so-date-same-row']).toBe('pass');
    expect(status['nd30-tieu-ngu-rule']).toBe('pass');
    expect(status['nd30-quoc-hieu-fit']).toBe('not-checked');
  });

  it('a hand-typed header with tháng 07 is still caught', async () => {
    const o = lintDocx(await buildReport({ tabHeader: true, month07: true }));
    expect(failing(o)).toEqual(['nd30-date-line']);
  });

  it('a công văn is recognised by its V/v line and judged by Mẫu 1.5', async () => {
    const o = lintDocx(await buildReport({ congVan: true }));
    expect(explain(o)).toEqual([]);
    expect(o.readable && o.type).toBe('cong-van');
    const bad = lintDocx(await buildReport({ congVan: true, so5: true }));
    expect(failing(bad)).toEqual(['nd30-so-ky-hieu']);
  });
});
