/**
 * docs/ISSUE-CODES.md documents every issue code of every catalogue module, with its severity,
 * message and fix. This test fails when a code is missing from the document (or the document
 * lists a code no catalogue has), so the two cannot drift. To rewrite the document from the
 * catalogues: `BCTD_UPDATE_DOCS=1 npx vitest run test/validate-issue-codes.test.ts`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Entry } from '../src/issues/catalogue.js';
import { ROOT } from './helpers/cli.js';

const DIR = path.join(ROOT, 'src', 'issues', 'catalogue');
const DOC = path.join(ROOT, 'docs', 'ISSUE-CODES.md');

type AnyEntry = Entry<Record<string, unknown>>;

function isEntry(v: unknown): v is AnyEntry {
  const e = v as AnyEntry;
  return (
    typeof v === 'object' &&
    v !== null &&
    (e.severity === 'error' || e.severity === 'warning') &&
    typeof e.message === 'function' &&
    typeof e.fix === 'function'
  );
}

/** Every catalogue object (an export whose values are all entries), per module. */
async function catalogues(): Promise<Array<{ module: string; entries: Map<string, AnyEntry> }>> {
  const out: Array<{ module: string; entries: Map<string, AnyEntry> }> = [];
  for (const f of readdirSync(DIR)
    .filter((x) => x.endsWith('.ts') && !x.endsWith('.test.ts'))
    .sort()) {
    const mod = (await import(path.join(DIR, f))) as Record<string, unknown>;
    const entries = new Map<string, AnyEntry>();
    for (const value of Object.values(mod)) {
      if (typeof value !== 'object' || value === null) continue;
      const vals = Object.entries(value);
      if (vals.length === 0 || !vals.every(([, v]) => isEntry(v))) continue;
      for (const [code, e] of vals) entries.set(code, e as AnyEntry);
    }
    out.push({ module: f.replace(/\.ts$/, ''), entries });
  }
  return out;
}

/** Parameters shown as ‹name› so that a message reads as a template. */
const PARAMS = new Proxy({} as Record<string, unknown>, {
  get: (_t, k) => (typeof k === 'string' ? `‹${k}›` : undefined),
});

const AREA: Record<string, string> = {
  file: 'Tệp không đọc được (mọi lệnh đọc bảng tính)',
  validate: 'Kiểm tra tệp số liệu của đơn vị (bctd validate)',
  lint: 'Kiểm tra thể thức văn bản (bctd lint)',
  aggregate: 'Tổng hợp số liệu (bctd generate, bctd status)',
};

function render(cats: Awaited<ReturnType<typeof catalogues>>): string {
  const lines = [
    '# Mã lỗi và cảnh báo của bctd',
    '',
    'Mỗi vấn đề bctd báo có một mã cố định (cột `code` trong `--format json`), một mức độ',
    '(`error`: Lỗi, tệp không hợp lệ, mã thoát 1; `warning`: Cảnh báo, tệp vẫn hợp lệ), một',
    'nội dung nêu chỗ sai và một cách sửa. Các phần trong ‹...› được thay bằng giá trị cụ thể.',
    '',
    'Tệp này được sinh từ các mô-đun `src/issues/catalogue/*.ts`',
    '(`BCTD_UPDATE_DOCS=1 npx vitest run test/validate-issue-codes.test.ts`); một bài kiểm tra',
    'bảo đảm không mã nào bị thiếu.',
  ];
  for (const { module, entries } of cats) {
    if (entries.size === 0) continue;
    lines.push('', `## ${AREA[module] ?? module} (\`${module}\`)`, '');
    lines.push('| Mã | Mức độ | Tên | Nội dung | Cách sửa |', '|---|---|---|---|---|');
    for (const [code, e] of entries) {
      const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
      let message: string;
      let fix = '';
      try {
        message = e.message(PARAMS);
        fix = e.fix(PARAMS);
      } catch {
        message = e.title;
      }
      lines.push(
        `| \`${code}\` | ${e.severity === 'error' ? 'Lỗi' : 'Cảnh báo'} | ${cell(e.title)} | ${cell(message)} | ${cell(fix)} |`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

describe('docs/ISSUE-CODES.md', () => {
  test('lists every code of every catalogue, and no other', async () => {
    const cats = await catalogues();
    if (process.env.BCTD_UPDATE_DOCS === '1') writeFileSync(DOC, render(cats));
    const doc = readFileSync(DOC, 'utf8');
    const documented = new Set([...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]));
    const all = cats.flatMap((c) => [...c.entries.keys()]);
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((c) => !documented.has(c))).toEqual([]);
    expect([...documented].filter((c) => !all.includes(c as string))).toEqual([]);
  });

  test('codes are unique across catalogues and kebab-case', async () => {
    const all = (await catalogues()).flatMap((c) => [...c.entries.keys()]);
    expect(new Set(all).size).toBe(all.length);
    for (const c of all) expect(c).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
