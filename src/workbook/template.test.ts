import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleOutline } from '../../test/helpers/fill.js';
import { openZip } from '../ooxml/zip.js';
import { layoutFingerprint } from '../outline/helpers.js';
import { makePeriod } from '../period/periods.js';
import { readWorkbook } from './read.js';
import { SHEET, STAMP_KEYS } from './layout.js';
import { buildTemplate, derivedFormula, planTemplate, type TemplateUnit } from './template.js';
import type { RawSheet } from './types.js';

const outline = sampleOutline();
const period = makePeriod('6m', 2022);
const TOWN: TemplateUnit = { code: '15664', name: 'Thị trấn Triệu Sơn', kind: 'thi_tran' };
const DEPT: TemplateUnit = { code: 'PLDTBXH', name: 'Phòng Lao động - TB&XH', kind: 'phong' };

async function build(unit: TemplateUnit, p = period): Promise<Uint8Array> {
  return buildTemplate({
    outline,
    unit,
    period: p,
    generator: 'bctd 9.9.9',
    now: { year: 2022, month: 6, day: 1 },
  });
}

function sheet(bytes: Uint8Array, name: string): RawSheet {
  const r = readWorkbook(bytes);
  if (!r.ok) throw new Error(`${r.problem}: ${r.detail}`);
  const s = r.workbook.sheet(name);
  if (!s.ok) throw new Error(`${s.problem}: ${s.detail}`);
  return s;
}

const text = (s: RawSheet, addr: string): string | undefined => s.cells.get(addr)?.text;

function row(s: RawSheet, r: number): string[] {
  const out: string[] = [];
  for (let c = 1; c <= s.maxCol; c++) {
    const cell = [...s.cells.values()].find((x) => x.row === r && x.col === c);
    out.push(cell?.text ?? '');
  }
  return out;
}

/** Codes in column B below the header, in order. */
function codes(s: RawSheet): string[] {
  return [...s.cells.values()]
    .filter((c) => c.col === 2 && c.row > 4)
    .sort((a, b) => a.row - b.row)
    .map((c) => c.text);
}

function part(bytes: Uint8Array, name: string): string {
  const z = openZip(bytes);
  if (!z.ok) throw new Error(z.problem);
  const data = z.zip.read(name);
  if (!data) throw new Error(`no part ${name}`);
  return new TextDecoder().decode(data);
}

describe('planTemplate', () => {
  it('gives a commune and a department their own rows and member columns', () => {
    const town = planTemplate(outline, 'thi_tran', period);
    expect(town.valueColumns).toEqual(['Tổng số', 'Nam', 'Nữ', 'Dưới 16 tuổi']);
    const inputs = (p: typeof town) =>
      p.rows.flatMap((r) => (r.kind === 'input' ? [r.input.code] : []));
    // THANG_HD is only asked in the annual report.
    expect(inputs(town)).toEqual(['SINH_SONG', 'CB_CC', 'BAO_LUC', 'KINH_PHI', 'CO_KH']);
    expect(inputs(planTemplate(outline, 'xa', makePeriod('year', 2022)))).toContain('THANG_HD');

    const dept = planTemplate(outline, 'phong', period);
    expect(dept.valueColumns).toEqual(['Tổng số', 'Nam', 'Nữ']);
    expect(inputs(dept)).toEqual(['CB_CC', 'KINH_PHI', 'TY_LE', 'CO_KH']);
    expect(dept.sections.map((s) => s.path)).toEqual(['I', 'I.1', 'II']);
    expect(town.sections.map((s) => s.path)).toEqual(['I', 'I.1', 'I.2', 'II']);
  });
});

describe('derivedFormula', () => {
  it('turns member references into the row’s cells and stays blank until they are filled', () => {
    const input = outline.inputs[0]!;
    const at = (m: string) => ({ tong: 'E6', nu: 'G6' })[m];
    expect(derivedFormula('tong - nu', input, at)?.formula).toBe('IF(COUNT(E6,G6)<2,"",(E6-G6))');
    expect(derivedFormula('SINH_SONG.tong - max(nu, 0)', input, at)?.formula).toBe(
      'IF(COUNT(E6,G6)<2,"",(E6-MAX(G6,0)))',
    );
    expect(derivedFormula('tong - OTHER.nu', input, at)).toBeUndefined();
  });
});

describe('buildTemplate', () => {
  it('writes the sheets of the layout contract, the stamp very hidden', async () => {
    const bytes = await build(TOWN);
    const r = readWorkbook(bytes);
    if (!r.ok) throw new Error(r.problem);
    expect(r.workbook.sheets.map((s) => [s.name, s.state])).toEqual([
      ['Thông tin', 'visible'],
      ['Số liệu', 'visible'],
      ['Nội dung', 'visible'],
      ['Hướng dẫn', 'visible'],
      ['_bctd', 'veryHidden'],
    ]);
    const stamp = sheet(bytes, SHEET.stamp);
    expect(
      STAMP_KEYS.map((k, i) => [k, text(stamp, `A${i + 1}`), text(stamp, `B${i + 1}`)]),
    ).toEqual([
      ['outline_id', 'outline_id', 'thu'],
      ['outline_version', 'outline_version', '2022.1'],
      ['layout', 'layout', layoutFingerprint(outline)],
      ['unit_code', 'unit_code', '15664'],
      ['unit_kind', 'unit_kind', 'thi_tran'],
      ['period', 'period', '2022-6m'],
      ['generator', 'generator', 'bctd 9.9.9'],
    ]);
  });

  it('pre-fills Thông tin with the unit and the period', async () => {
    const info = sheet(await build(TOWN), SHEET.info);
    expect(info.merges).toContain('A1:B1');
    const pairs = [3, 4, 5, 6, 7, 8, 9].map((r) => [text(info, `A${r}`), text(info, `B${r}`)]);
    expect(pairs).toEqual([
      ['Mã đơn vị', '15664'],
      ['Tên đơn vị', 'Thị trấn Triệu Sơn'],
      ['Kỳ báo cáo', '6 tháng đầu năm 2022'],
      ['Mã kỳ', '2022-6m'],
      ['Người lập biểu', undefined],
      ['Điện thoại', undefined],
      ['Ngày lập', undefined],
    ]);
    // The code stays text (a numeric code must not become 15664.0 or lose leading zeros).
    expect(info.cells.get('B3')?.type).toBe('string');
  });

  it('lays out Số liệu: header labels, group rows, one row per input of the unit', async () => {
    const town = sheet(await build(TOWN), SHEET.data);
    expect(row(town, 4)).toEqual([
      'STT',
      'Mã',
      'Nội dung',
      'Đơn vị tính',
      'Tổng số',
      'Nam',
      'Nữ',
      'Dưới 16 tuổi',
      'Ghi chú/giải trình',
    ]);
    expect(codes(town)).toEqual(['SINH_SONG', 'CB_CC', 'BAO_LUC', 'KINH_PHI', 'CO_KH']);
    expect(text(town, 'A5')).toBe('Mục tiêu 4. Y tế');
    expect(town.merges).toContain('A5:I5');
    expect(row(town, 6).slice(0, 4)).toEqual(['1', 'SINH_SONG', 'Số trẻ sinh ra sống', 'trẻ']);
    // Nam = Tổng số - Nữ, a formula for the unit's convenience.
    expect(town.cells.get('F6')?.formula).toBe('IF(COUNT(E6,G6)<2,"",(E6-G6))');

    const dept = sheet(await build(DEPT), SHEET.data);
    expect(row(dept, 4)).toEqual([
      'STT',
      'Mã',
      'Nội dung',
      'Đơn vị tính',
      'Tổng số',
      'Nam',
      'Nữ',
      'Ghi chú/giải trình',
    ]);
    expect(codes(dept)).toEqual(['CB_CC', 'KINH_PHI', 'TY_LE', 'CO_KH']);
  });

  it('lists the unit’s narrative sections in Nội dung', async () => {
    const s = sheet(await build(TOWN), SHEET.text);
    expect(row(s, 3)).toEqual(['Mục', 'Nội dung cần báo cáo', 'Báo cáo của đơn vị']);
    expect([4, 5, 6, 7].map((r) => text(s, `A${r}`))).toEqual(['I', 'I.1', 'I.2', 'II']);
    expect(text(s, 'B5')).toContain('Công tác chỉ đạo');
    expect(text(s, 'B5')).toContain('(Bắt buộc viết)');
    expect(text(s, 'B6')).toContain('Số liệu liên quan: Số trẻ sinh ra sống.');
    const help = sheet(await build(TOWN), SHEET.help);
    expect([...help.cells.values()].map((c) => c.text).join('\n')).toMatch(/bctd validate/);
  });

  it('validates value cells by type with Vietnamese messages', async () => {
    const xml = part(await build(TOWN), 'xl/worksheets/sheet2.xml');
    const dv = (sqref: string) =>
      new RegExp(
        `<dataValidation [^>]*sqref="[^"]*\\b${sqref}\\b[^"]*"[^>]*>(.*?)</dataValidation>`,
      ).exec(xml);
    const sinh = dv('E6');
    expect(sinh?.[0]).toMatch(/type="whole" operator="greaterThanOrEqual"/);
    expect(sinh?.[0]).toMatch(/errorTitle="Cần số nguyên không âm"/);
    expect(sinh?.[1]).toBe('<formula1>0</formula1>');
    expect(dv('E11')?.[0]).toMatch(/type="decimal" operator="greaterThanOrEqual"/); // money
    expect(dv('E12')?.[0]).toMatch(/type="list"/);
    expect(dv('E12')?.[1]).toBe('<formula1>&quot;Có,Không&quot;</formula1>');
    // No validation on a derived or a grey cell.
    expect(dv('F6')).toBeNull();
    expect(dv('H6')).toBeNull();
    const dept = part(await build(DEPT), 'xl/worksheets/sheet2.xml');
    expect(dept).toMatch(
      /<dataValidation type="decimal"(?: operator="between")?[^>]*errorTitle="Cần tỷ lệ từ 0 đến 100"[^>]*sqref="E8"><formula1>0<\/formula1><formula2>100<\/formula2>/,
    );
  });

  it('marks parts that do not add up to the total, and a negative derived part', async () => {
    const xml = part(await build(TOWN), 'xl/worksheets/sheet2.xml');
    // CB_CC (row 8) has every part entered; BAO_LUC's age bands do not sum, so no rule there.
    expect(xml).toContain('<conditionalFormatting sqref="E8:G8"><cfRule type="expression" dxfId="');
    expect(xml).toContain(
      '<formula>AND(COUNT($E8,$F8,$G8)=3,ABS($F8+$G8-$E8)&gt;0.000001)</formula>',
    );
    expect(xml).toContain('<formula>AND(ISNUMBER($F6),$F6&lt;0)</formula>');
    expect(xml).not.toMatch(/sqref="E10:H10"/);
    const styles = part(await build(TOWN), 'xl/styles.xml');
    expect(styles).toMatch(
      /<dxf><font><b\/><color rgb="FF9C0006"\/><\/font><fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"\/>/,
    );
  });

  it('protects without a password, still allowing rows to be inserted and deleted', async () => {
    const bytes = await build(TOWN);
    for (const n of [1, 2, 3]) {
      const xml = part(bytes, `xl/worksheets/sheet${n}.xml`);
      const prot = /<sheetProtection [^>]*\/>/.exec(xml)?.[0];
      expect(prot).toBe(
        '<sheetProtection sheet="1" formatCells="0" formatColumns="0" formatRows="0" insertRows="0" deleteRows="0" sort="0" autoFilter="0"/>',
      );
      expect(xml).not.toMatch(/hashValue|password=/);
    }
    // Labels locked, value cells open: read the protection back with exceljs.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const ws = wb.getWorksheet(SHEET.data)!;
    const locked = (a: string) => ws.getCell(a).protection?.locked !== false;
    expect(['A6', 'B6', 'C6', 'D6', 'F6', 'H6'].map(locked)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['E6', 'G6', 'I6', 'E8', 'F8', 'G8'].map(locked)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    const text = wb.getWorksheet(SHEET.text)!;
    expect([locked.call(null, 'A4'), text.getCell('C5').protection?.locked]).toEqual([true, false]);
  });

  it('sets up A4 printing, frozen headers and Times New Roman everywhere', async () => {
    const bytes = await build(TOWN);
    const data = part(bytes, 'xl/worksheets/sheet2.xml');
    expect(data).toMatch(
      /<pageSetup paperSize="9" orientation="landscape"[^>]*fitToWidth="1" fitToHeight="0"/,
    );
    expect(data).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(data).toMatch(
      /<pane xSplit="4" ySplit="4" topLeftCell="E5" activePane="bottomRight" state="frozen"\/>/,
    );
    expect(part(bytes, 'xl/worksheets/sheet3.xml')).toMatch(
      /<pageSetup paperSize="9" orientation="portrait"/,
    );
    const styles = part(bytes, 'xl/styles.xml');
    const fontList = /<fonts[^>]*>(.*?)<\/fonts>/.exec(styles)?.[1] ?? '';
    const fonts = [...fontList.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(2);
    for (const f of fonts) expect(f).toContain('<name val="Times New Roman"/>');
    expect(styles).not.toContain('Calibri');
    expect(part(bytes, 'xl/theme/theme1.xml')).not.toMatch(/typeface="(Calibri|Cambria)"/);
    const sheetFont = sheet(bytes, SHEET.data).cells.get('C6')?.font?.name;
    expect(sheetFont).toBe('Times New Roman');
  });

  it('writes Vietnamese text in NFC even from a decomposed outline', async () => {
    const decomposed = { ...TOWN, name: 'Thị trấn Triệu Sơn'.normalize('NFD') };
    const bytes = await build(decomposed);
    const info = sheet(bytes, SHEET.info);
    expect(text(info, 'B4')).toBe('Thị trấn Triệu Sơn'.normalize('NFC'));
    expect(part(bytes, 'xl/sharedStrings.xml')).toBe(
      part(bytes, 'xl/sharedStrings.xml').normalize('NFC'),
    );
  });
});
