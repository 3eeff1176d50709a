/**
 * A roll-up with more units than a table lists one per row (docs/REPORT.md, "Very large
 * roll-ups"), exercised on the demo workspace with the limit lowered to 10 units: the phụ lục
 * of units shows them by kind with the same total row, the completeness phụ lục lists only the
 * units a clerk must act on, every unit's row goes to the listing .xlsx beside the report, the
 * report says so and still passes bctd lint. Under the limit nothing changes.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateReport, type GenerateRequest } from '../src/app/generate.js';
import { loadOutlineFor } from '../src/app/outline.js';
import { generateJson, generateText } from '../src/cli/reporters/generate.js';
import { lintDocx } from '../src/lint/index.js';
import { loadWorkspace } from '../src/workspace/workspace.js';
import { ROOT, tempDir } from './helpers/cli.js';

const NOW = new Date('2022-07-01T01:00:00Z');

function docText(file: string): string {
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']!);
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&');
}

/** Rows of the table that follows `marker` in the document, each as its cells' text. */
function tableAfter(file: string, marker: string): string[][] {
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']!);
  const at = xml.indexOf(marker);
  const start = xml.indexOf('<w:tbl>', at);
  const table = xml.slice(start, xml.indexOf('</w:tbl>', start));
  return table
    .split('</w:tr>')
    .slice(0, -1)
    .map((tr) =>
      tr
        .split('</w:tc>')
        .slice(0, -1)
        .map((tc) => [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
    );
}

const request = (out: string, extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
  period: '6m',
  year: 2022,
  out,
  draft: true,
  strict: false,
  force: false,
  pdf: false,
  jobs: 0, // in process: these tests are about the report, not the workers
  ...extra,
});

describe('generate: a roll-up larger than the per-unit limit', () => {
  let dir: string;
  let normal: Awaited<ReturnType<typeof generateReport>>;
  let large: Awaited<ReturnType<typeof generateReport>>;
  const normalOut = () => path.join(dir, 'thuong.docx');
  const largeOut = () => path.join(dir, 'lon.docx');

  beforeAll(async () => {
    dir = tempDir('bctd-large-');
    cpSync(path.join(ROOT, 'fixtures', 'demo'), dir, { recursive: true });
    const ws = loadWorkspace(dir, undefined);
    const outline = await loadOutlineFor(ws, undefined, dir);
    normal = await generateReport(ws, outline, request(normalOut()), NOW, dir, {});
    large = await generateReport(
      ws,
      outline,
      request(largeOut(), { unitRowsLimit: 10 }),
      NOW,
      dir,
      {},
    );
  }, 120_000);

  it('under the limit: no listing, every unit in the report as before', () => {
    expect(normal.listing).toBeNull();
    expect(existsSync(path.join(dir, 'thuong-don-vi.xlsx'))).toBe(false);
    const rows = tableAfter(normalOut(), 'MỘT SỐ CHỈ TIÊU BÌNH ĐẲNG GIỚI THEO XÃ');
    expect(rows.length).toBeGreaterThan(30);
  });

  it('shows the per-unit phụ lục by kind with the same total row, and cites the listing', () => {
    expect(large.listing).toBe(path.join(dir, 'lon-don-vi.xlsx'));
    expect(existsSync(large.listing!)).toBe(true);
    const full = tableAfter(normalOut(), 'MỘT SỐ CHỈ TIÊU BÌNH ĐẲNG GIỚI THEO XÃ');
    const byKind = tableAfter(largeOut(), 'MỘT SỐ CHỈ TIÊU BÌNH ĐẲNG GIỚI THEO XÃ');
    const communes = full.length - 2; // header and total
    expect(byKind).toHaveLength(4); // header, Xã, Thị trấn, total
    expect(byKind[1]![1]).toMatch(/^Xã \(\d+ đơn vị\)$/);
    expect(byKind[2]![1]).toMatch(/^Thị trấn \(\d+ đơn vị\)$/);
    const counted = (row: string[]) => Number(/\((\d+) đơn vị\)/.exec(row[1] ?? '')?.[1]);
    expect(counted(byKind[1]!) + counted(byKind[2]!)).toBe(communes);
    expect(byKind[3]).toEqual(full[full.length - 1]);
    const text = docText(largeOut());
    expect(text).toContain('tại tệp lon-don-vi.xlsx');
    expect(text).toMatch(/Số liệu chi tiết tại các Phụ lục [IVX, ]+ và số liệu của từng đơn vị/);
  });

  it('lists in the completeness phụ lục only the units to act on', () => {
    const text = docText(largeOut());
    const units = large.completeness;
    const attention = units.missing + units.late + units.invalid + units.duplicates;
    expect(text).toContain(
      `Các đơn vị chưa nộp, nộp muộn hoặc có báo cáo chưa hợp lệ (${attention} đơn vị):`,
    );
    const rows = tableAfter(largeOut(), 'Các đơn vị chưa nộp, nộp muộn');
    expect(rows).toHaveLength(attention + 1);
    for (const l of large.leftOut) expect(text).toContain(l.name);
    // A unit that sent a valid file on time is in the listing, not in the report.
    expect(text).not.toContain('Xã Thọ Sơn');
    expect(docText(normalOut())).toContain('Xã Thọ Sơn');
    expect(text).toContain('Theo loại đơn vị:');
    expect(text).toContain(`Tình trạng của từng đơn vị (${units.expected} đơn vị) tại tệp`);
  });

  it('writes every unit to the listing, numbers as numbers with the report’s decimals', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(large.listing!) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Biểu 08', 'Tiếp nhận']);
    const status = wb.getWorksheet('Tiếp nhận')!;
    expect(status.rowCount).toBe(large.completeness.expected + 2);
    expect(status.getCell('C3').value).toBe('Thị trấn Triệu Sơn');
    const b08 = wb.getWorksheet('Biểu 08')!;
    const full = tableAfter(normalOut(), 'MỘT SỐ CHỈ TIÊU BÌNH ĐẲNG GIỚI THEO XÃ');
    expect(b08.rowCount).toBe(full.length + 1); // title row
    // Row by row, cell by cell, what the district's report prints.
    full.slice(1).forEach((printed, r) => {
      printed.forEach((text, c) => {
        const v = b08.getRow(r + 3).getCell(c + 1).value;
        if (typeof v === 'number') {
          const decimals = (/,(\d+)/.exec(text)?.[1] ?? '').length;
          expect(v.toFixed(decimals).replace('.', ',')).toBe(text.replace(/\./g, ''));
        } else expect(v ?? '').toBe(text);
      });
    });
  });

  it('tells the clerk where the listing is, in text and in JSON, and only when there is one', () => {
    expect(generateText(large, dir)).toContain(
      'Đã ghi danh sách từng đơn vị: lon-don-vi.xlsx (gửi kèm báo cáo',
    );
    expect(generateJson(large, dir).listing).toBe(path.join(dir, 'lon-don-vi.xlsx'));
    expect(generateText(normal, dir)).not.toContain('danh sách từng đơn vị');
    expect(generateJson(normal, dir).listing).toBeNull();
  });

  it('passes bctd lint', () => {
    const l = lintDocx(new Uint8Array(readFileSync(largeOut())));
    if (!l.readable) throw new Error(l.detail);
    expect(l.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(l.conforms).toBe(true);
  });

  it('refuses an existing listing without --force, before writing anything', async () => {
    const ws = loadWorkspace(dir, undefined);
    const outline = await loadOutlineFor(ws, undefined, dir);
    const out = path.join(dir, 'moi.docx');
    writeFileSync(path.join(dir, 'moi-don-vi.xlsx'), 'cũ');
    await expect(
      generateReport(ws, outline, request(out, { unitRowsLimit: 10 }), NOW, dir, {}),
    ).rejects.toMatchObject({ code: 'output-exists' });
    expect(existsSync(out)).toBe(false);
  });
});
