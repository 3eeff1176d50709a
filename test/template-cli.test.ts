import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../src/workbook/index.js';
import { bctd, ROOT, tempDir } from './helpers/cli.js';

// Needs the built-in outline and the preset's units list (written by other engineers).
const ready =
  existsSync(path.join(ROOT, 'outlines', 'bdg.yaml')) &&
  existsSync(path.join(ROOT, 'presets', 'trieu-son-2022', 'units.yaml'));

function stampOf(file: string): Record<string, string> {
  const r = readWorkbook(new Uint8Array(readFileSync(file)));
  if (!r.ok) throw new Error(r.problem);
  const s = r.workbook.sheet('_bctd');
  if (!s.ok) throw new Error(s.problem);
  const out: Record<string, string> = {};
  for (let row = 1; row <= s.maxRow; row++) {
    const k = s.cells.get(`A${row}`)?.text;
    if (k !== undefined) out[k] = s.cells.get(`B${row}`)?.text ?? '';
  }
  return out;
}

describe('bctd template', () => {
  it.skipIf(!ready)(
    'writes one workbook per unit of a new workspace, keeps them on a second run, names close codes',
    () => {
      const dir = tempDir();
      expect(bctd(['init'], { cwd: dir }).code).toBe(0);

      const r = bctd(['template', '--period', '6m', '--year', '2022', '--format', 'json'], {
        cwd: dir,
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const json = r.json() as {
        period: { id: string; label: string; chosen: boolean };
        outline: { id: string; version: string };
        dir: string;
        files: Array<{ unit: string; path: string }>;
        kept: unknown[];
        error: null;
      };
      expect(json.period).toEqual({ id: '2022-6m', label: '6 tháng đầu năm 2022', chosen: false });
      expect(json.outline.id).toBe('bdg');
      expect(json.dir).toBe(path.join(dir, 'bieu-mau', '2022-6m'));
      expect(json.kept).toEqual([]);
      expect(json.error).toBeNull();
      const units =
        readFileSync(path.join(dir, 'units.yaml'), 'utf8').match(/code: "?[^",}]+/g) ?? [];
      expect(json.files).toHaveLength(units.length);
      const town = json.files.find((f) => f.unit === '15664');
      expect(town?.path).toBe(path.join(json.dir, '15664-thi-tran-trieu-son-2022-6m.xlsx'));
      expect(readdirSync(json.dir).sort()).toEqual(
        json.files.map((f) => path.basename(f.path)).sort(),
      );
      expect(stampOf(town!.path)).toMatchObject({
        outline_id: 'bdg',
        unit_code: '15664',
        unit_kind: 'thi_tran',
        period: '2022-6m',
      });

      // Never overwrite without --force: the unit may have started filling its copy.
      const before = statSync(town!.path).mtimeMs;
      const again = bctd(['template', '--period', '6m', '--year', '2022'], { cwd: dir });
      expect(again.stdout).not.toContain('gửi lại'); // nothing written: nothing to send
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(
        'giữ nguyên 15664-thi-tran-trieu-son-2022-6m.xlsx (đã có; thêm --force để ghi đè)',
      );
      expect(again.stdout).toContain(
        `Đã tạo 0 biểu mẫu, giữ nguyên ${units.length} biểu mẫu đã có.`,
      );
      expect(statSync(town!.path).mtimeMs).toBe(before);

      const one = bctd(
        [
          'template',
          '--period',
          '6m',
          '--year',
          '2022',
          '--unit',
          '15664',
          '--out',
          'gui',
          '--force',
          '--format',
          'json',
        ],
        { cwd: dir },
      );
      expect(one.code).toBe(0);
      expect((one.json().files as unknown[]).length).toBe(1);
      expect(existsSync(path.join(dir, 'gui', '15664-thi-tran-trieu-son-2022-6m.xlsx'))).toBe(true);

      const unknown = bctd(['template', '--period', '6m', '--year', '2022', '--unit', '15665'], {
        cwd: dir,
      });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/^Lỗi: Không có đơn vị mã "15665" trong .*units\.yaml\./);
      expect(unknown.stderr).toMatch(/Có phải ý là: .*15664 \(Thị trấn Triệu Sơn\)/);
    },
    180_000,
  );

  it.skipIf(!ready)('chooses the period from today when --period is not given and says so', () => {
    const dir = tempDir();
    expect(bctd(['init'], { cwd: dir }).code).toBe(0);
    const r = bctd(['template', '--year', '2022', '--unit', '15664'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Kỳ báo cáo: .* \(2022-[a-z0-9]+\) \(chọn theo ngày hôm nay;/);
    // The units have no bctd: the clerk is told to send the offline page of the same period.
    const kind = /\(2022-([a-z0-9]+)\)/.exec(r.stdout)?.[1];
    expect(r.stdout).toContain(`"bctd page --period ${kind} --year 2022"`);
  });

  it('needs a workspace', () => {
    const r = bctd(['template', '--period', '6m', '--format', 'json'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect((r.json().error as { code: string }).code).toBe('no-workspace');
  });
});
