import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintFiles } from '../src/app/lint.js';
import { findPdftotext, findSoffice } from '../src/io/office.js';
import { buildReport, type Faults } from './helpers/docx-faults.js';

const env = process.env;
const haveOffice = findSoffice(env) !== undefined && findPdftotext(env) !== undefined;
if (!haveOffice && env.BCTD_REQUIRE_OFFICE === '1') {
  throw new Error('BCTD_REQUIRE_OFFICE=1 but soffice or pdftotext is not installed');
}
const RENDER = [
  'nd30-render-quoc-hieu-line',
  'nd30-render-no-number-page-1',
  'nd30-render-number-page-2',
  'nd30-render-so-date-line',
];
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bctd-lint-render-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function render(name: string, faults: Faults) {
  writeFileSync(path.join(dir, name), await buildReport(faults));
  const r = await lintFiles([name], { cwd: dir, env, render: true });
  const f = r.files[0]!;
  if (!f.readable) throw new Error('unreadable');
  return Object.fromEntries(
    f.checks.filter((c) => RENDER.includes(c.code)).map((c) => [c.code, c.status]),
  );
}

describe.skipIf(!haveOffice)('lint --render (LibreOffice installed; skipped without it)', () => {
  it('a correct báo cáo passes every layout check', { timeout: 200_000 }, async () => {
    expect(await render('dung.docx', {})).toEqual(
      Object.fromEntries(RENDER.map((c) => [c, 'pass'])),
    );
  });
  it('the 50/50 header wraps the Quốc hiệu on the page', { timeout: 200_000 }, async () => {
    expect((await render('5050.docx', { header5050: true }))['nd30-render-quoc-hieu-line']).toBe(
      'fail',
    );
  });
  it('without titlePg page 1 shows its number', { timeout: 200_000 }, async () => {
    expect((await render('trang1.docx', { noTitlePg: true }))['nd30-render-no-number-page-1']).toBe(
      'fail',
    );
  });
});

describe('lint --render without LibreOffice', () => {
  it('reports the layout checks as not-checked with the reason, never as passed', async () => {
    writeFileSync(path.join(dir, 'khong-office.docx'), await buildReport());
    const r = await lintFiles(['khong-office.docx'], {
      cwd: dir,
      env: { ...env, PATH: '/nonexistent', BCTD_SOFFICE: '/nonexistent/soffice' },
      render: true,
    });
    const f = r.files[0]!;
    expect(r.render.available).toBe(false);
    if (!f.readable) throw new Error('unreadable');
    for (const c of f.checks.filter((x) => RENDER.includes(x.code))) {
      expect(c.status).toBe('not-checked');
      expect(c.reason).toMatch(/LibreOffice/);
    }
  });
});
