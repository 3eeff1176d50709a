import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bctd, tempDir } from './helpers/cli.js';

describe('bctd outline', () => {
  it("prints the workspace's outline as a tree with who reports and how it aggregates", () => {
    const dir = tempDir();
    expect(bctd(['init', dir]).code).toBe(0);
    const r = bctd(['outline'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Đề cương bdg \(phiên bản [^)]+\)/);
    expect(r.stdout).toContain('I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, ĐIỀU HÀNH');
    expect(r.stdout).toContain('SỐ LIỆU ĐẦU VÀO');
    const json = bctd(['outline', '--format', 'json'], { cwd: dir }).json() as {
      outline: { id: string; objectives: unknown[] };
      error: null;
    };
    expect(json.outline.id).toBe('bdg');
    expect(json.outline.objectives).toHaveLength(6);
    expect(json.error).toBeNull();
  });

  it('lists every error of a broken outline with file and line, exit 2', () => {
    const dir = tempDir();
    const file = path.join(dir, 'de-cuong.yaml');
    writeFileSync(
      file,
      [
        'id: thu',
        'version: 1',
        'title: Thử',
        'trich_yeu: Thử',
        'periods: [6m]',
        'unit_kinds: {xa: Xã}',
        'inputs:',
        '  - code: A',
        '    label: A',
        '    unit: người',
        '    reporters: [xa]',
        '    aggregate: {kind: from, from: trung_tam}', // line 12: unknown unit kind
        'indicators:',
        '  - code: M1.CT1',
        '    objective: M1',
        '    label: Tỷ lệ',
        '    unit: "%"',
        '    formula: "A / B"', // line 18: unknown reference
        '    status: CONFIRMED',
        '    source: thử',
      ].join('\n'),
    );
    const r = bctd(['outline', '--file', file, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    const err = (r.json() as { error: { code: string; details: string[] } }).error;
    expect(err.code).toBe('outline-invalid');
    expect(err.details.some((d) => d.startsWith(`${file}:12`) && d.includes('trung_tam'))).toBe(
      true,
    );
    expect(err.details.some((d) => d.startsWith(`${file}:18`) && d.includes('B'))).toBe(true);
    const text = bctd(['outline', '--file', file], { cwd: dir });
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/^Lỗi: Đề cương .* có \d+ lỗi\./);
  });

  it('an outline file that is not there: said in Vietnamese, exit 2', () => {
    const missing = path.join(tempDir('bctd-outline-missing-'), 'khong-co.yaml');
    for (const args of [
      ['outline', '--file', missing],
      ['validate', missing, '--outline', missing],
    ]) {
      const r = bctd(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Không đọc được tệp đề cương "${missing}": không có tệp này`);
      expect(r.stderr).not.toMatch(/no such file|^ {4}at /m);
    }
  });
});
