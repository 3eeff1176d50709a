/**
 * Issue 7, "Limits": every limit of `limits:` in bctd.yaml reaches every command that reads
 * unit files (validate inside a workspace, receive, status, generate), without a workspace the
 * defaults apply, and a file past a limit is told which limit and which key changes it.
 * Each case sets one limit low enough that a valid, filled template goes past it, so the
 * outcome can only change if the value was carried all the way to the reader.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run as generate } from '../src/cli/commands/generate.js';
import { run as receive } from '../src/cli/commands/receive.js';
import { run as status } from '../src/cli/commands/status.js';
import { run as validate } from '../src/cli/commands/validate.js';
import { DEFAULT_READ_LIMITS } from '../src/workbook/types.js';
import { bctd, tempDir } from './helpers/cli.js';
import { manyRows } from './helpers/hostile.js';
import { ctxAt, DATA_2022, makeWorkspace, saveDownload, unitWorkbook } from './generate-fixture.js';

interface JsonIssue {
  code: string;
  severity: string;
  message: string;
  fix?: string;
}

/** One limit, a value a valid workbook goes past, and the issue that must follow. */
const CASES: { key: string; value: number; code: string }[] = [
  { key: 'max_file_mb', value: 0.001, code: 'file-too-large' },
  { key: 'max_part_mb', value: 0.001, code: 'file-part-too-large' },
  { key: 'max_total_mb', value: 0.02, code: 'file-total-too-large' },
  { key: 'max_rows', value: 3, code: 'file-too-many-rows' },
  { key: 'max_columns', value: 2, code: 'file-too-many-columns' },
  { key: 'max_cells', value: 10, code: 'file-too-many-cells' },
  { key: 'max_cell_chars', value: 5, code: 'file-cell-too-long' },
  { key: 'max_sheets', value: 2, code: 'file-too-many-sheets' },
];

let ws: string;
let download: string;

/** Replaces the `limits:` block of the workspace's bctd.yaml. */
function setLimits(limits: Record<string, number>): void {
  const file = path.join(ws, 'bctd.yaml');
  const text = readFileSync(file, 'utf8').replace(/^limits:\n(?: {2}.*\n?)*/m, '');
  const block = Object.entries(limits)
    .map(([k, v]) => `  ${k}: ${v}\n`)
    .join('');
  writeFileSync(file, `${text.trimEnd()}\n${block ? `limits:\n${block}` : ''}`);
}

const at = () => ctxAt(ws, '2022-06-18T09:00:00+07:00');
const period = { period: '6m', year: 2022 } as const;

beforeAll(async () => {
  ws = makeWorkspace();
  const bytes = await unitWorkbook('15664', '2022-6m', { values: DATA_2022['15664'] });
  const dir = path.join(ws, 'nop', '2022-6m');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '15664.xlsx'), bytes);
  download = saveDownload(ws, 'bao cao 15664.xlsx', bytes);
}, 60_000);

describe('defaults: the valid workbook passes every limit', () => {
  it('validate, receive, status and generate find nothing past a limit', async () => {
    setLimits({});
    const v = await validate([download], { format: 'json', ...period }, at());
    const issues = (v.json as { files: { issues: JsonIssue[] }[] }).files[0]!.issues;
    expect(issues.filter((i) => i.code.startsWith('file-'))).toEqual([]);
    const s = await status([], { format: 'json', ...period }, at());
    const units = (s.json as { units: { code: string; status: string }[] }).units;
    expect(units.find((u) => u.code === '15664')?.status).toMatch(/hop-le|nop-muon/);
  });
});

describe.each(CASES)('limits.$key: $value', ({ key, value, code }) => {
  beforeAll(() => setLimits({ [key]: value }));

  const check = (issues: JsonIssue[]) => {
    const hit = issues.find((i) => i.code === code);
    expect(hit, `${code} in ${issues.map((i) => i.code).join(', ')}`).toBeDefined();
    expect(hit!.severity).toBe('error');
    // The clerk is told which key of bctd.yaml changes it.
    if (hit!.fix !== undefined) {
      expect(hit!.fix).toContain('bctd.yaml');
      expect(hit!.fix).toContain(key);
    } else expect(`${hit!.message}`).toContain(key);
  };

  it('validate inside the workspace', async () => {
    const r = await validate([download], { format: 'json', ...period }, at());
    expect(r.exitCode).toBe(1);
    check((r.json as { files: { issues: JsonIssue[] }[] }).files[0]!.issues);
  });

  it('receive', async () => {
    const r = await receive([download], { format: 'json', ...period }, at());
    check((r.json as { files: { issues: JsonIssue[] }[] }).files[0]!.issues);
  });

  it('status and generate: the unit is left out as sai định dạng', async () => {
    const s = await status([], { format: 'json', ...period }, at());
    const units = (s.json as { units: { code: string; status: string }[] }).units;
    expect(units.find((u) => u.code === '15664')?.status).toBe('sai-dinh-dang');
    const out = path.join(ws, `bao-cao-${key}.docx`);
    const g = await generate(
      [],
      { format: 'json', ...period, out, draft: true, strict: false, force: true, pdf: false },
      at(),
    );
    const leftOut = (g.json as { leftOut: { code: string; status: string }[] }).leftOut;
    expect(leftOut.find((u) => u.code === '15664')?.status).toBe('sai-dinh-dang');
  }, 30_000);
});

describe('without a workspace the defaults apply', () => {
  it(`a sheet of ${DEFAULT_READ_LIMITS.maxRows + 1} rows is refused by default and accepted when bctd.yaml raises max_rows`, async () => {
    const lone = tempDir('bctd-no-ws-');
    const file = path.join(lone, 'nhieu-dong.xlsx');
    writeFileSync(file, manyRows(DEFAULT_READ_LIMITS.maxRows + 1));
    // A sheet without bctd's stamp: --outline says which outline, so the sheets are read.
    const outline = path.join(ws, 'de-cuong.yaml');
    const codes = async (cwd: string, paths: string[]) => {
      const r = await validate(
        paths,
        { format: 'json', outline },
        ctxAt(cwd, '2022-06-18T09:00:00Z'),
      );
      return (r.json as { files: { issues: JsonIssue[] }[] }).files[0]!.issues.map((i) => i.code);
    };
    expect(await codes(lone, [file])).toContain('file-too-many-rows');
    setLimits({ max_rows: DEFAULT_READ_LIMITS.maxRows * 2 });
    expect(await codes(ws, [file])).not.toContain('file-too-many-rows');
  }, 30_000);
});

describe('the built CLI', () => {
  it('text output names the limit, its value and the key to change', () => {
    setLimits({ max_sheets: 2 });
    const r = bctd(['validate', download, '--period', '6m', '--year', '2022'], { cwd: ws });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('nhiều hơn 2 trang');
    expect(r.stdout).toContain('limits:');
    expect(r.stdout).toContain('max_sheets');
  });

  it.each(['1', '2'])('seconds_per_file bounds each file with --jobs %s', (jobs) => {
    setLimits({ seconds_per_file: 0.001 });
    const r = bctd(
      [
        'validate',
        download,
        '--jobs',
        jobs,
        '--format',
        'json',
        '--period',
        '6m',
        '--year',
        '2022',
      ],
      { cwd: ws },
    );
    expect(r.code).toBe(1);
    const issues = (r.json() as { files: { issues: JsonIssue[] }[] }).files[0]!.issues;
    expect(issues.map((i) => i.code)).toContain('file-timeout');
  });

  it('a wrong value in limits: is a clear configuration error (exit 2)', () => {
    setLimits({ max_rows: -1 });
    const r = bctd(['validate', download], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('max_rows');
    expect(r.stderr).not.toMatch(/^ {4}at /m);
    setLimits({});
  });
});
