import { describe, expect, it } from 'vitest';
import { FILE_ISSUES, fileProblemIssue } from '../src/issues/catalogue/file.js';
import { DEFAULT_READ_LIMITS, READ_PROBLEMS, readWorkbook } from '../src/workbook/index.js';
import type { ReadFailure } from '../src/workbook/index.js';
import { HOSTILE_FILES, noContentTypes } from './helpers/hostile.js';

const FILE = 'UBND xã Yên Bình (6 tháng).xlsx';

describe('Vietnamese messages for files that cannot be read', () => {
  it.each(READ_PROBLEMS.map((p) => [p]))(
    '%s has a message naming the file and a fix',
    (problem) => {
      const issue = fileProblemIssue(problem, 'detail', FILE, DEFAULT_READ_LIMITS, {
        sheet: 'Số liệu',
        cell: 'C7',
      });
      expect(issue.code).toBe(`file-${problem}`);
      expect(issue.file).toBe(FILE);
      expect(issue.message).toContain(`"${FILE}"`);
      expect(issue.fix.length).toBeGreaterThan(20);
      expect(issue.message.normalize('NFC')).toBe(issue.message);
      expect(issue.fix.normalize('NFC')).toBe(issue.fix);
      expect(issue.severity).toBe(problem === 'no-content-types' ? 'warning' : 'error');
    },
  );

  it('every code in the catalogue is a reader problem', () => {
    expect(Object.keys(FILE_ISSUES).sort()).toEqual(READ_PROBLEMS.map((p) => `file-${p}`).sort());
  });

  it('legacy .xls says how to save as .xlsx', () => {
    const issue = fileProblemIssue('xls', 'OLE', FILE, DEFAULT_READ_LIMITS);
    expect(issue.message).toBe(`Tệp "${FILE}" được lưu ở định dạng Excel 97-2003 (.xls).`);
    expect(issue.fix).toContain('Tệp > Lưu thành > Sổ làm việc Excel');
  });

  it.each([
    ['too-large', '20 MB', 'max_file_mb'],
    ['part-too-large', '64 MB', 'max_part_mb'],
    ['total-too-large', '256 MB', 'max_total_mb'],
    ['too-many-sheets', '100 trang', 'max_sheets'],
    ['too-many-rows', '20.000 dòng', 'max_rows'],
    ['too-many-columns', '200 cột', 'max_columns'],
    ['too-many-cells', '500.000 ô', 'max_cells'],
    ['cell-too-long', '32.767 ký tự', 'max_cell_chars'],
  ] as const)('%s names the limit (%s) and the bctd.yaml key %s', (problem, shown, key) => {
    const issue = fileProblemIssue(problem, '', FILE, DEFAULT_READ_LIMITS, {
      sheet: 'Số liệu',
      cell: 'C7',
    });
    expect(issue.message).toContain(shown);
    expect(issue.fix).toContain(`limits:, khóa ${key}`);
  });

  it('a changed limit is the one named', () => {
    const issue = fileProblemIssue('too-large', '', FILE, {
      ...DEFAULT_READ_LIMITS,
      maxFileBytes: 5 * 1024 * 1024 + 512 * 1024,
    });
    expect(issue.message).toContain('5,5 MB');
  });

  it('names the sheet and cell of a cell that is too long', () => {
    const issue = fileProblemIssue('cell-too-long', '', FILE, DEFAULT_READ_LIMITS, {
      sheet: 'Nội dung',
      cell: 'C7',
    });
    expect(issue).toMatchObject({ sheet: 'Nội dung', cell: 'C7' });
    expect(issue.message).toBe(`Ô Nội dung!C7 của tệp "${FILE}" dài hơn 32.767 ký tự.`);
  });

  it('every hostile file ends in one issue with its own code', () => {
    const codes = new Set<string>();
    for (const h of HOSTILE_FILES) {
      if (h.expect === 'ok') continue;
      const r = readWorkbook(h.make());
      const f: ReadFailure | undefined = r.ok
        ? (() => {
            const s = r.workbook.sheet(h.expect.sheet ?? '');
            return s.ok ? undefined : s;
          })()
        : r;
      if (!f) throw new Error(`${h.label}: read`);
      const where: { sheet?: string; cell?: string } = {};
      if (f.sheet !== undefined) where.sheet = f.sheet;
      if (f.cell !== undefined) where.cell = f.cell;
      const issue = fileProblemIssue(f.problem, f.detail, h.fileName, DEFAULT_READ_LIMITS, where);
      expect(issue.code).toBe(`file-${h.expect.problem}`);
      expect(issue.message).toContain(h.fileName);
      codes.add(issue.code);
    }
    expect(codes.size).toBeGreaterThanOrEqual(15);
  });

  it('the missing content types warning comes from the workbook warnings', () => {
    const r = readWorkbook(noContentTypes());
    const w = r.ok ? r.workbook.warnings[0] : undefined;
    expect(w && fileProblemIssue(w.problem, w.detail, FILE, DEFAULT_READ_LIMITS)).toMatchObject({
      code: 'file-no-content-types',
      severity: 'warning',
    });
  });
});
