import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../src/workbook/index.js';
import type { RawSheet } from '../src/workbook/index.js';
import { STYLES_XML, rawXlsx, rawXlsxParts, worksheetXml, zipParts } from './helpers/hostile.js';

function sheetOf(bytes: Uint8Array, name: string): RawSheet {
  const r = readWorkbook(bytes);
  if (!r.ok) throw new Error(`${r.problem}: ${r.detail}`);
  const s = r.workbook.sheet(name);
  if (!s.ok) throw new Error(`${s.problem}: ${s.detail}`);
  return s;
}

const values = (s: RawSheet): Record<string, unknown> =>
  Object.fromEntries([...s.cells.values()].map((c) => [c.address, c.value]));

describe('workbooks as other programs write them', () => {
  it('prefixed elements, no r attributes, inline strings and absolute targets (LibreOffice, .NET writers)', () => {
    const rows =
      '<x:row><x:c t="inlineStr"><x:is><x:t>Mã</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Tổng số</x:t></x:is></x:c></x:row>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>DS01</x:t></x:is></x:c><x:c><x:v>12500</x:v></x:c><x:c/><x:c><x:v>3</x:v></x:c></x:row>' +
      '<x:row r="5"><x:c t="inlineStr"><x:is><x:r><x:rPr><x:rFont val=".VnTime"/></x:rPr><x:t>Tæng</x:t></x:r></x:is></x:c></x:row>' +
      '<x:row><x:c r="C6" s="1"/><x:c><x:v>0.5</x:v></x:c></x:row>';
    const bytes = rawXlsx(
      [{ name: 'Số liệu', xml: worksheetXml(rows, { prefix: 'x', merges: ['A1:A2'] }) }],
      {
        absoluteTargets: true,
        styles: STYLES_XML,
      },
    );
    const s = sheetOf(bytes, 'Số liệu');
    expect(values(s)).toEqual({
      A1: 'Mã',
      B1: 'Tổng số',
      A2: 'DS01',
      B2: 12500,
      D2: 3,
      A5: 'Tæng',
      D6: 0.5,
    });
    expect(s.cells.get('A5')?.runs).toEqual([{ text: 'Tæng', font: { name: '.VnTime' } }]);
    expect(s.merges).toEqual(['A1:A2']);
    expect(s.rowCount).toBe(4);
  });

  it('relationship targets written relative, with ./ and ../, or absolute (Google Sheets, WPS)', () => {
    const parts = rawXlsxParts(
      [
        { name: 'A', xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') },
        { name: 'B', xml: worksheetXml('<row r="1"><c r="A1"><v>2</v></c></row>') },
        { name: 'C', xml: worksheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') },
      ],
      { sharedStrings: ['ba'] },
    );
    parts['xl/_rels/workbook.xml.rels'] = String(parts['xl/_rels/workbook.xml.rels'])
      .replace('Target="worksheets/sheet1.xml"', 'Target="./worksheets/sheet1.xml"')
      .replace('Target="worksheets/sheet2.xml"', 'Target="../xl/worksheets/sheet2.xml"')
      .replace('Target="worksheets/sheet3.xml"', 'Target="/xl/worksheets/sheet3.xml"')
      .replace('Target="sharedStrings.xml"', 'Target="/xl/sharedStrings.xml"');
    const bytes = zipParts(parts);
    expect(values(sheetOf(bytes, 'A'))).toEqual({ A1: 1 });
    expect(values(sheetOf(bytes, 'B'))).toEqual({ A1: 2 });
    expect(values(sheetOf(bytes, 'C'))).toEqual({ A1: 'ba' });
  });

  it('a main part that is not xl/workbook.xml, found through the package relationships', () => {
    const parts = rawXlsxParts([
      { name: 'A', xml: worksheetXml('<row r="1"><c r="A1"><v>7</v></c></row>') },
    ]);
    const move = (from: string, to: string): void => {
      parts[to] = parts[from] ?? '';
      delete parts[from];
    };
    move('xl/workbook.xml', 'xl/book.xml');
    move('xl/_rels/workbook.xml.rels', 'xl/_rels/book.xml.rels');
    parts['_rels/.rels'] = String(parts['_rels/.rels']).replace('xl/workbook.xml', 'xl/book.xml');
    parts['[Content_Types].xml'] = String(parts['[Content_Types].xml']).replace(
      '/xl/workbook.xml',
      '/xl/book.xml',
    );
    expect(values(sheetOf(zipParts(parts), 'A'))).toEqual({ A1: 7 });
    // Without package relationships the content types still name the main part.
    delete parts['_rels/.rels'];
    expect(values(sheetOf(zipParts(parts), 'A'))).toEqual({ A1: 7 });
  });

  it('Strict Open XML namespaces, a 1904 date system and the styles of cells', () => {
    const strict = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
    const xml = worksheetXml(
      '<row r="1"><c r="A1" s="1"><v>0.25</v></c><c r="B1" s="2"><v>0.125</v></c><c r="C1" t="b"><v>0</v></c><c r="D1" t="d"><v>2022-06-30T00:00:00Z</v></c></row>',
    ).replace('http://schemas.openxmlformats.org/spreadsheetml/2006/main', strict);
    const bytes = rawXlsx([{ name: 'A', xml }], { styles: STYLES_XML, date1904: true });
    const r = readWorkbook(bytes);
    expect(r.ok && r.workbook.date1904).toBe(true);
    const s = sheetOf(bytes, 'A');
    expect(s.cells.get('A1')).toMatchObject({
      value: 0.25,
      numFmt: '0%',
      font: { name: 'Times New Roman' },
    });
    expect(s.cells.get('B1')).toMatchObject({
      value: 0.125,
      numFmt: '0.0%',
      font: { name: '.VnTime', bold: true },
    });
    expect(s.cells.get('C1')).toMatchObject({ type: 'boolean', value: false, text: 'FALSE' });
    expect(s.cells.get('D1')).toMatchObject({
      type: 'string',
      value: '2022-06-30T00:00:00Z',
      isoDate: true,
    });
  });

  it('finds a sheet by name whatever its case, and says which names do not exist', () => {
    const bytes = rawXlsx([
      { name: 'Số liệu', xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') },
    ]);
    expect(values(sheetOf(bytes, 'SỐ LIỆU'))).toEqual({ A1: 1 });
    const r = readWorkbook(bytes);
    expect(r.ok && r.workbook.sheet('Nội dung')).toMatchObject({
      ok: false,
      problem: 'missing-sheet-part',
      sheet: 'Nội dung',
    });
  });
});
