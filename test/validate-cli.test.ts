import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { run } from '../src/cli/commands/validate.js';
import type { CliContext } from '../src/cli/context.js';
import type { ValidateOptions } from '../src/cli/program.js';
import { legacyXls } from './helpers/hostile.js';
import { tempDir } from './helpers/cli.js';
import { makePeriod } from '../src/period/periods.js';
import { buildTemplate } from '../src/workbook/template.js';
import { fillTemplate } from './helpers/fill.js';
import { GOOD_VALUES, TEST_OUTLINE_YAML, testOutline } from './helpers/unit-workbook.js';

const outline = testOutline();

/** A unit's workbook as `bctd template` writes it, filled the way a clerk would. */
async function unitFile(
  unit: { code: string; name: string; kind: string },
  values: Record<string, Record<string, string | number>>,
): Promise<Uint8Array> {
  const template = await buildTemplate({
    outline,
    unit,
    period: makePeriod('6m', 2022),
    generator: 'bctd test',
    now: { year: 2022, month: 6, day: 1 },
  });
  return fillTemplate(template, {
    outline,
    info: { 'Ngày lập': '15/06/2022' },
    values,
    texts: { I: 'Đã làm.' },
  });
}
const GOOD = GOOD_VALUES as Record<string, Record<string, string | number>>;

function ctx(cwd: string): CliContext {
  return {
    cwd,
    env: { NO_COLOR: '1' },
    now: new Date(2022, 5, 20),
    color: false,
    interactive: false,
    progress: () => {},
  };
}

const opts = (o: Partial<ValidateOptions> = {}): ValidateOptions => ({
  format: 'json',
  outline: 'thu.yaml',
  ...o,
});

type Json = {
  files: Array<{
    path: string;
    unit: { code: string; name: string } | null;
    period: string | null;
    valid: boolean;
    issues: Array<{
      severity: string;
      code: string;
      message: string;
      sheet?: string;
      cell?: string;
      input?: string;
    }>;
  }>;
  summary: { files: number; valid: number; invalid: number; errors: number; warnings: number };
};

let dir: string;
let good: Uint8Array;
let bad: Uint8Array;

beforeAll(async () => {
  dir = tempDir('bctd-validate-');
  writeFileSync(path.join(dir, 'thu.yaml'), TEST_OUTLINE_YAML);
  good = await unitFile({ code: '15664', name: 'Thị trấn Triệu Sơn', kind: 'xa' }, GOOD);
  bad = await unitFile(
    { code: '15665', name: 'Xã Dân Lực', kind: 'xa' },
    { ...GOOD, VU_BAO_LUC: { value: '=HYPERLINK("http://x","bấm")' } },
  );
  const nop = path.join(dir, 'nop');
  mkdirSync(path.join(nop, 'con.xlsx'), { recursive: true });
  writeFileSync(path.join(nop, '15664-thi-tran.xlsx'), good);
  writeFileSync(path.join(nop, 'con.xlsx', '15665-dan-luc.xlsx'), bad);
  writeFileSync(path.join(nop, 'cu.xls'), legacyXls());
  writeFileSync(path.join(nop, '~$15664-thi-tran.xlsx'), 'lock');
  writeFileSync(path.join(nop, '.an.xlsx'), 'hidden');
  writeFileSync(path.join(nop, 'ghi-chu.txt'), 'not a workbook');
  symlinkSync(nop, path.join(nop, 'con.xlsx', 'vong-lap'));
  // A second name for a workbook already listed: checked once.
  symlinkSync('15664-thi-tran.xlsx', path.join(nop, 'z-ban-sao.xlsx'));
});

describe('bctd validate', () => {
  test('a folder: every workbook checked once, lock/hidden files skipped, link loops end, JSON shape', async () => {
    const r = await run(['nop', 'khong-co.xlsx'], opts(), ctx(dir));
    const j = r.json as unknown as Json;
    expect(j.files.map((f) => f.path).sort()).toEqual(
      [
        'khong-co.xlsx',
        path.join('nop', '15664-thi-tran.xlsx'),
        path.join('nop', 'con.xlsx', '15665-dan-luc.xlsx'),
        path.join('nop', 'cu.xls'),
      ].sort(),
    );
    const byPath = new Map(j.files.map((f) => [f.path, f]));
    expect(byPath.get('khong-co.xlsx')?.issues.map((i) => i.code)).toEqual(['path-missing']);
    expect(byPath.get(path.join('nop', 'cu.xls'))?.issues.map((i) => i.code)).toEqual(['file-xls']);
    const g = byPath.get(path.join('nop', '15664-thi-tran.xlsx'));
    expect(g).toMatchObject({
      unit: { code: '15664', name: 'Thị trấn Triệu Sơn' },
      period: '2022-6m',
      valid: true,
    });
    const b = byPath.get(path.join('nop', 'con.xlsx', '15665-dan-luc.xlsx'));
    expect(b?.valid).toBe(false);
    expect(b?.issues.find((i) => i.code === 'value-not-number')).toMatchObject({
      severity: 'error',
      sheet: 'Số liệu',
      cell: 'E10',
      input: 'VU_BAO_LUC',
    });
    expect(j.summary).toMatchObject({ files: 4, valid: 1, invalid: 3 });
    expect(r.exitCode).toBe(1);
  });

  test('text output: heading with the unit, Lỗi with sheet!cell, label, value, fix, and the summary', async () => {
    const r = await run(['nop'], opts({ format: 'text' }), ctx(dir));
    expect(r.text).toContain('(15665 Xã Dân Lực, kỳ 2022-6m): có lỗi');
    expect(r.text).toContain('Lỗi · Số liệu!E10 · VU_BAO_LUC Số vụ bạo lực gia đình');
    expect(r.text).toContain('[giá trị: "=HYPERLINK(');
    expect(r.text).toContain('Cách sửa: ');
    expect(r.text).toMatch(/3 tệp: 1 hợp lệ, 2 có lỗi \(\d+ lỗi, \d+ cảnh báo\)$/);
    expect(r.text).not.toContain('\u001b[');
  });

  test('a file alone, valid, outside a workspace: exit 0, and one note that units were not checked', async () => {
    const r = await run([path.join('nop', '15664-thi-tran.xlsx')], opts(), ctx(dir));
    expect(r.exitCode).toBe(0);
    expect((r.json as unknown as Json).summary).toEqual({
      files: 1,
      valid: 1,
      invalid: 0,
      errors: 0,
      warnings: 0,
    });
    expect((r.json as unknown as { notes: { code: string }[] }).notes.map((n) => n.code)).toEqual([
      'units-not-checked',
    ]);
    expect(r.text).toContain('Ghi chú: Không có danh sách đơn vị (units.yaml)');
  });

  test('an empty folder is a warning, not a valid file', async () => {
    mkdirSync(path.join(dir, 'trong'), { recursive: true });
    const r = await run(['trong'], opts({ format: 'text' }), ctx(dir));
    expect(r.exitCode).toBe(0);
    expect(r.text).toContain('trong (thư mục): không có bảng tính');
    expect(r.text).toContain('Thư mục "trong" không có tệp bảng tính nào');
    expect(r.text).not.toMatch(/hợp lệ$/m);
    expect(r.text).toMatch(/^0 tệp: 0 hợp lệ, 0 có lỗi \(0 lỗi, 1 cảnh báo\)$/m);
    const j = (await run(['trong', path.join('nop', '15664-thi-tran.xlsx')], opts(), ctx(dir)))
      .json as unknown as Json;
    expect(j.summary).toEqual({ files: 1, valid: 1, invalid: 0, errors: 0, warnings: 1 });
    expect(j.files.map((f) => f.issues.map((i) => i.code))).toEqual([['folder-empty'], []]);
  });

  test('two files for one unit and period: an issue on both naming the other', async () => {
    const d = path.join(dir, 'trung');
    mkdirSync(d);
    writeFileSync(path.join(d, 'a.xlsx'), good);
    writeFileSync(path.join(d, 'b.xlsx'), good);
    const j = (await run(['trung'], opts(), ctx(dir))).json as unknown as Json;
    for (const [f, other] of [
      [0, 'b.xlsx'],
      [1, 'a.xlsx'],
    ] as const) {
      const dup = j.files[f]?.issues.find((i) => i.code === 'submission-duplicate');
      expect(dup?.message).toContain(path.join('trung', other));
      expect(j.files[f]?.valid).toBe(false);
    }
  });

  test('--period of another period is an error on the file', async () => {
    const j = (
      await run(
        [path.join('nop', '15664-thi-tran.xlsx')],
        opts({ period: 'year', year: 2022 }),
        ctx(dir),
      )
    ).json as unknown as Json;
    expect(j.files[0]?.issues.map((i) => i.code)).toContain('period-mismatch');
  });

  test('--period without --year: the period as every command chooses it, said in text and JSON', async () => {
    // 5 January 2023: the annual report of 2022 is the one due, not that of 2023.
    const jan = { ...ctx(dir), now: new Date(2023, 0, 5) };
    const file = [path.join('nop', '15664-thi-tran.xlsx')];
    const j = (await run(file, opts({ period: 'year' }), jan)).json as Record<string, unknown>;
    expect(j['period']).toEqual({ id: '2022-year', label: expect.any(String), chosen: true });
    const text = (await run(file, opts({ period: 'year', format: 'text' }), jan)).text ?? '';
    expect(text.split('\n')[0]).toMatch(/^Kỳ báo cáo: .*\(2022-year\) — chọn theo ngày hôm nay/);
    // Both given: that period, not called a choice; neither: each file's stamp decides.
    const both = (await run(file, opts({ period: 'year', year: 2023 }), jan)).json;
    expect(both['period']).toEqual({ id: '2023-year', label: expect.any(String), chosen: false });
    expect((await run(file, opts(), jan)).json['period']).toBeNull();
  });

  test('--year alone picks the kind from the outline, and needs one', async () => {
    const file = [path.join('nop', '15664-thi-tran.xlsx')];
    const j = (await run(file, opts({ year: 2022 }), ctx(dir))).json as unknown as Json & {
      period: { id: string; chosen: boolean };
    };
    expect(j.period).toEqual({ id: '2022-6m', label: expect.any(String), chosen: true });
    expect(j.files[0]?.valid).toBe(true);
    // Without a workspace or --outline the outline's kinds are unknown: a clear exit-2 error.
    const { outline: _drop, ...noOutline } = opts({ year: 2022 });
    await expect(run(file, noOutline as ValidateOptions, ctx(dir))).rejects.toThrow(
      '--year cần đi kèm --period',
    );
  });

  test('--annotate: a marked copy beside, never the original; text stays text', async () => {
    const src = path.join(dir, 'nop', 'con.xlsx', '15665-dan-luc.xlsx');
    const before = createHash('sha256').update(readFileSync(src)).digest('hex');
    const r = await run(['nop'], opts({ annotate: 'kiem-tra' }), ctx(dir));
    const after = createHash('sha256').update(readFileSync(src)).digest('hex');
    expect(after).toBe(before);
    const written = readdirSync(path.join(dir, 'kiem-tra')).sort();
    expect(written).toEqual(['15665-dan-luc.xlsx', 'cu.xlsx']);
    expect((r.json as { annotated: string[] }).annotated).toHaveLength(2);

    const bytes = readFileSync(path.join(dir, 'kiem-tra', '15665-dan-luc.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.name).toBe('Danh sách lỗi');
    const data = wb.getWorksheet('Số liệu') as ExcelJS.Worksheet;
    const cell = data.getCell('E10');
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFF9999');
    expect(String(cell.note)).toContain('Lỗi:');
    // The unit's values are kept.
    expect(data.getCell('E5').value).toBe(120);
    expect(wb.getWorksheet('_bctd')?.state).toBe('veryHidden');
    // No formula anywhere in the issues sheet, whatever the unit typed.
    const zip = unzipSync(new Uint8Array(bytes));
    const sheetXml = Object.entries(zip)
      .filter(([n]) => n.startsWith('xl/worksheets/sheet'))
      .map(([, v]) => strFromU8(v));
    for (const x of sheetXml) expect(x).not.toContain('HYPERLINK</f>');
    expect(sheetXml.join('')).not.toMatch(/<f>[^<]*HYPERLINK/);

    // The .xls cannot be loaded: a workbook of the issues instead.
    const fallback = new ExcelJS.Workbook();
    await fallback.xlsx.load(
      readFileSync(path.join(dir, 'kiem-tra', 'cu.xlsx')) as unknown as ArrayBuffer,
    );
    expect(fallback.worksheets.map((w) => w.name)).toEqual(['Danh sách lỗi']);
    expect(String(fallback.worksheets[0]?.getCell('I2').value)).toBe('file-xls');
  });

  test('--annotate into the files own folder never overwrites the source', async () => {
    const d = path.join(dir, 'cung-cho');
    mkdirSync(d);
    writeFileSync(path.join(d, 'x.xlsx'), bad);
    await run(['cung-cho'], opts({ annotate: 'cung-cho' }), ctx(dir));
    expect(readFileSync(path.join(d, 'x.xlsx'))).toEqual(Buffer.from(bad));
    expect(readdirSync(d).sort()).toEqual(['x-kiem-tra.xlsx', 'x.xlsx']);
  });
});
