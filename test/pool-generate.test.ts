import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, expect, test } from 'vitest';
import { bctd, ROOT, tempDir } from './helpers/cli.js';

/** The report's document part: what the clerk signs must not depend on --jobs. */
const documentXml = (file: string): string =>
  strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml'] as Uint8Array);

let ws: string;
beforeAll(() => {
  ws = tempDir('bctd-pool-gen-');
  // The demo workspace: 46 files in 2022-6m (enough for workers) and 2021-6m for cùng kỳ.
  cpSync(path.join(ROOT, 'fixtures', 'demo'), ws, { recursive: true });
});

test('generate gives the same totals, inputs and document with --jobs 1 and --jobs 2', () => {
  const args = (jobs: string, out: string) => [
    'generate',
    '--period',
    '6m',
    '--year',
    '2022',
    '--out',
    out,
    '--jobs',
    jobs,
    '--format',
    'json',
  ];
  const one = bctd(args('1', path.join(ws, 'one.docx')), { cwd: ws });
  const two = bctd(args('2', path.join(ws, 'two.docx')), { cwd: ws });
  expect(one.code).toBe(0);
  expect(two.code).toBe(0);
  const a = one.json();
  const b = two.json();
  expect((a['inputs'] as unknown[]).length).toBeGreaterThan(20);
  for (const k of ['inputs', 'previous', 'totals', 'completeness', 'leftOut', 'warnings'])
    expect(b[k], k).toEqual(a[k]);
  expect(documentXml(path.join(ws, 'two.docx'))).toBe(documentXml(path.join(ws, 'one.docx')));
});
