/**
 * A clerk opens the report in an office suite, edits a line and saves it again: the document
 * the suite writes (its own styles, run splits, table XML) must still be judged by its effective
 * formatting and still conform. Needs LibreOffice; skips with a reason without it, unless
 * BCTD_REQUIRE_OFFICE=1.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertWithOffice, findSoffice } from '../src/io/office.js';
import { lintDocx } from '../src/lint/index.js';
import { renderReport } from '../src/report/pack.js';
import { trieuSonSample } from '../src/report/sample.js';

const soffice = findSoffice(process.env);
const required = process.env.BCTD_REQUIRE_OFFICE === '1';

describe.skipIf(!soffice && !required)(
  soffice
    ? 'a report re-saved by LibreOffice'
    : 'a report re-saved by LibreOffice (skipped: soffice is not installed)',
  () => {
    it.each([
      ['numbered', trieuSonSample({ number: '125', date: { year: 2022, month: 7, day: 5 } })],
      ['draft', trieuSonSample({ draft: true })],
    ])(
      '%s: still passes every ND30 check after a round trip through Writer',
      async (_name, model) => {
        expect(soffice, 'soffice is not on PATH but BCTD_REQUIRE_OFFICE=1').toBeTruthy();
        const dir = mkdtempSync(path.join(tmpdir(), 'bctd-resave-'));
        const original = path.join(dir, 'bao-cao.docx');
        writeFileSync(original, await renderReport(model));
        const out = path.join(dir, 'out');
        const resaved = await convertWithOffice(original, 'docx:MS Word 2007 XML', out, {
          env: process.env,
        });
        const bytes = new Uint8Array(readFileSync(resaved));
        expect(bytes).not.toEqual(new Uint8Array(readFileSync(original)));
        const r = lintDocx(bytes);
        if (!r.readable) throw new Error(`not readable: ${r.problem}`);
        const failed = r.checks.filter((c) => c.status === 'fail').map((c) => c.code);
        expect(failed).toEqual([]);
        expect(r.conforms).toBe(true);
      },
      180_000,
    );
  },
);
