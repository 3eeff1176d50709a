import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, expect, test } from 'vitest';
import { generateReport } from '../src/app/generate.js';
import { loadOutlineFor } from '../src/app/outline.js';
import { generateJson } from '../src/cli/reporters/generate.js';
import { loadWorkspace } from '../src/workspace/workspace.js';
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

test('generate gives the same totals, inputs and document in process and with --jobs 1 and 2', async () => {
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
  // In process: the command line always uses workers for a batch this size (and for any
  // --jobs), so the main-process path is run through the app layer, as for fewer files.
  const workspace = loadWorkspace(ws, undefined);
  const outline = await loadOutlineFor(workspace, undefined, ws);
  const request = { period: '6m', year: 2022, out: path.join(ws, 'zero.docx') };
  const flags = { draft: false, strict: false, force: false, pdf: false, jobs: 0 };
  const zero = await generateReport(
    workspace,
    outline,
    { ...request, ...flags },
    new Date(),
    ws,
    {},
  );
  const ref = JSON.parse(JSON.stringify(generateJson(zero, workspace.dir))) as Record<
    string,
    unknown
  >;
  const a = one.json();
  const b = two.json();
  expect((a['inputs'] as unknown[]).length).toBeGreaterThan(20);
  for (const k of ['inputs', 'previous', 'totals', 'completeness', 'leftOut', 'warnings']) {
    expect(a[k], k).toEqual(ref[k]);
    expect(b[k], k).toEqual(ref[k]);
  }
  const doc = documentXml(path.join(ws, 'zero.docx'));
  expect(documentXml(path.join(ws, 'one.docx'))).toBe(doc);
  expect(documentXml(path.join(ws, 'two.docx'))).toBe(doc);
});
