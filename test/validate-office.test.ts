/**
 * Workbooks saved by a real office suite: a filled workbook round-tripped through LibreOffice
 * validates the same, and an annotated copy opens in LibreOffice. Skipped without `soffice`
 * unless BCTD_REQUIRE_OFFICE=1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { convertWithOffice, findSoffice } from '../src/io/office.js';
import { validateWorkbook } from '../src/validate/index.js';
import { annotateWorkbook } from '../src/workbook/annotate.js';
import { readWorkbook } from '../src/workbook/read.js';
import { tempDir } from './helpers/cli.js';
import { buildUnitWorkbook, GOOD_VALUES, testOutline } from './helpers/unit-workbook.js';

const env = process.env as Record<string, string | undefined>;
const soffice = findSoffice(env);
const required = env.BCTD_REQUIRE_OFFICE === '1';
const outline = testOutline();
const outlines = () => outline;

describe.skipIf(!soffice && !required)(
  'LibreOffice (soffice found: ' + String(Boolean(soffice)) + ')',
  () => {
    test('a filled workbook saved again by LibreOffice validates the same', async () => {
      const dir = tempDir('bctd-office-');
      const values = {
        ...GOOD_VALUES,
        LAO_DONG: { tong: 40, nam: 22, nu: 17 },
        KINH_PHI: { value: '1.234' },
      };
      const bytes = await buildUnitWorkbook(outline, {
        values,
        narratives: { I: 'Đã làm.' },
        derivedFormulas: true,
      });
      const src = path.join(dir, 'don-vi.xlsx');
      writeFileSync(src, bytes);
      const outDir = path.join(dir, 'out');
      mkdirSync(outDir);
      const converted = await convertWithOffice(src, 'xlsx', outDir, { env, timeoutMs: 120_000 });
      const a = validateWorkbook({ bytes, file: 'x', outlines });
      const b = validateWorkbook({
        bytes: new Uint8Array(readFileSync(converted)),
        file: 'x',
        outlines,
      });
      const brief = (s: typeof a) => s.issues.map((i) => [i.code, i.sheet, i.cell]);
      expect(brief(b)).toEqual(brief(a));
      expect(b.values).toEqual(a.values);
      expect(b.narrativesFilled).toEqual(a.narrativesFilled);
    }, 180_000);

    test('an annotated copy opens in LibreOffice with its issues sheet first', async () => {
      const dir = tempDir('bctd-office-');
      const bytes = await buildUnitWorkbook(outline, {
        values: { ...GOOD_VALUES, VU_BAO_LUC: { value: -2 } },
        narratives: { I: 'Đã làm.' },
      });
      const s = validateWorkbook({ bytes, file: 'x', outlines });
      const out = await annotateWorkbook(bytes, s.issues);
      expect(out.fallback).toBe(false);
      const src = path.join(dir, 'chu-thich.xlsx');
      writeFileSync(src, out.bytes);
      const outDir = path.join(dir, 'out');
      mkdirSync(outDir);
      const converted = await convertWithOffice(src, 'xlsx', outDir, { env, timeoutMs: 120_000 });
      const reread = readWorkbook(new Uint8Array(readFileSync(converted)));
      expect(reread.ok && reread.workbook.sheets[0]?.name).toBe('Danh sách lỗi');
      const again = validateWorkbook({
        bytes: new Uint8Array(readFileSync(converted)),
        file: 'x',
        outlines,
      });
      // The unit's values survive both round trips; the same problem is found again.
      expect(again.values.SINH_SONG).toEqual(s.values.SINH_SONG);
      expect(again.issues.map((i) => i.code)).toContain('value-negative');
    }, 180_000);
  },
);
