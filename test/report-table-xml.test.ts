/**
 * The report's tables are written as strings (src/report/docx/table-xml.ts) instead of docx
 * objects, for speed and memory at a province's or the country's size. The XML must be the
 * library's to the character: the whole word/document.xml of `renderReport` is compared with
 * what docx writes for the same model through `buildDocument` (real docx Tables), on the
 * sample report, on the demo workspace's report and on random tables.
 */
import { Packer } from 'docx';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadOutlineFor } from '../src/app/outline.js';
import { readPeriodSubmissions, rollupOf } from '../src/app/submissions.js';
import { makePeriod } from '../src/period/periods.js';
import { composeReport } from '../src/report/compose.js';
import type { Block, HeaderCell, ReportModel, TableModel } from '../src/report/model.js';
import { loadWorkspace } from '../src/workspace/workspace.js';
import { ROOT } from './helpers/cli.js';
import { buildDocument, renderReport, spliceTables } from '../src/report/pack.js';
import { trieuSonSample } from '../src/report/sample.js';

const documentXml = (bytes: Uint8Array): string => {
  const part = unzipSync(bytes)['word/document.xml'];
  if (part === undefined) throw new Error('no word/document.xml');
  return strFromU8(part);
};

async function both(model: ReportModel): Promise<{ docx: string; ours: string }> {
  const docx = documentXml(new Uint8Array(await Packer.toArrayBuffer(buildDocument(model))));
  const ours = documentXml(await renderReport(model));
  return { docx, ours };
}

const withTables = (tables: TableModel[]): ReportModel => {
  const base = trieuSonSample();
  const blocks: Block[] = tables.map((table) => ({ kind: 'table', table }));
  return {
    ...base,
    body: [...base.body, ...blocks],
    appendices: base.appendices.map((a, i) => (i === 0 ? { ...a, blocks } : a)),
  };
};

describe('report tables written as strings', () => {
  it('give the same word/document.xml as docx for the sample report (spans, totals, landscape)', async () => {
    const { docx, ours } = await both(trieuSonSample());
    expect(ours).toContain('<w:tbl>');
    expect(ours).toBe(docx);
  });

  it('give the same word/document.xml as docx for the demo workspace’s report (every phụ lục)', async () => {
    const dir = path.join(ROOT, 'fixtures', 'demo');
    const ws = loadWorkspace(dir, undefined);
    const outline = await loadOutlineFor(ws, undefined, dir);
    const period = makePeriod('6m', 2022);
    const rollup = rollupOf(ws, outline, readPeriodSubmissions(ws, outline, period));
    const { model } = composeReport({
      outline,
      config: ws.config,
      period,
      rollup,
      agencyText: {},
      directive: ws.config.directive,
      date: { year: 2022, month: 7, day: 5 },
      number: '125',
      createdAt: '2022-07-05T00:00:00Z',
    });
    const { docx, ours } = await both(model);
    expect((ours.match(/<w:tbl>/g) ?? []).length).toBeGreaterThan(8);
    expect(ours).toBe(docx);
  }, 60_000);

  it('escape text as docx does and drop characters XML cannot carry', async () => {
    const table: TableModel = {
      columns: [
        { width: 1, align: 'center' },
        { width: 4, align: 'left' },
        { width: 2, align: 'right' },
      ],
      header: [
        [
          { text: 'STT', rowSpan: 2 },
          { text: 'Tên & <mã>', colSpan: 2 },
        ],
        ['"A"', "B'"],
      ],
      rows: [
        ['1', 'Xã Thọ Sơn\u0001\u000b', ' 1.234 '],
        ['2', '', '-'],
      ],
      total: ['', 'Tổng cộng', '5'],
    };
    const { docx, ours } = await both(withTables([table]));
    expect(ours).toContain('Tên &amp; &lt;mã&gt;');
    expect(ours).not.toContain('\u0001');
    expect(ours).toBe(docx);
  });

  it('give the same XML as docx for random tables, header spans included', async () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'Đ', 'ữ', ' ', '&', '<', '"', "'", '1', '\u0002', '.'),
      maxLength: 12,
    });
    const headerCell = fc.record(
      {
        text,
        colSpan: fc.integer({ min: 1, max: 3 }),
        rowSpan: fc.integer({ min: 1, max: 3 }),
      },
      { requiredKeys: ['text'] },
    );
    const table = fc
      .record({
        widths: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 7 }),
        header: fc.array(fc.array(fc.oneof(text, headerCell), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 3,
        }),
        rows: fc.array(fc.array(text, { maxLength: 8 }), { maxLength: 5 }),
        total: fc.option(fc.array(text, { maxLength: 8 }), { nil: undefined }),
        align: fc.constantFrom('left', 'center', 'right'),
      })
      .map((r): TableModel => ({
        columns: r.widths.map((width) => ({ width, align: r.align })),
        header: r.header as (string | HeaderCell)[][],
        rows: r.rows,
        ...(r.total ? { total: r.total } : {}),
      }));
    await fc.assert(
      fc.asyncProperty(fc.array(table, { minLength: 1, maxLength: 3 }), async (tables) => {
        const { docx, ours } = await both(withTables(tables));
        expect(ours).toBe(docx);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('refuse a document whose placeholder is missing or doubled instead of dropping a table', () => {
    const p = '<w:p><w:r><w:t xml:space="preserve">bctd-table-0</w:t></w:r></w:p>';
    expect(spliceTables(`<a>${p}</a>`, ['<w:tbl/>'])).toBe('<a><w:tbl/></a>');
    expect(() => spliceTables('<a></a>', ['<w:tbl/>'])).toThrow(/placeholder 0/);
    expect(() => spliceTables(`${p}${p}`, ['<w:tbl/>'])).toThrow(/placeholder 0/);
  });
});

describe('the package parts', () => {
  it('are the same from docx compiler as from its public zip', async () => {
    const { buildDocument: build, packageParts } = await import('../src/report/pack.js');
    const overrides = [{ path: 'docProps/core.xml', data: '<x/>' }];
    const direct = await packageParts(build(trieuSonSample()), overrides);
    const viaZip = await packageParts(build(trieuSonSample()), overrides, false);
    const text = (m: Map<string, string | Uint8Array>) =>
      [...m].map(([p, d]) => [p, typeof d === 'string' ? d : strFromU8(d)]);
    expect(text(direct)).toEqual(text(viaZip));
    expect(direct.get('docProps/core.xml')).toBe('<x/>');
  });
});
