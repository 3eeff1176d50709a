/**
 * Issue 7, "Nothing lost", through the built CLI: inputs are byte-identical after every
 * command; a report killed in the middle of its write leaves no partial file (and the next run
 * tidies the temporary one); an existing output is never overwritten without --force; a disk
 * that refuses a write (EACCES, EROFS, ENOSPC, injected through the io layer because CI runs
 * as root) ends every writing command in a clear Vietnamese error, exit 2, with nothing
 * half-written. Two `generate` at once into one file: test/generate-report.test.ts.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, bctd, tempDir } from './helpers/cli.js';
import { DATA_2022, makeWorkspace, unitWorkbook } from './generate-fixture.js';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

/** Every file under `dir` (relative path -> sha256), links and folders aside. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) out.set(path.relative(dir, full), sha(full));
    }
  };
  walk(dir);
  return out;
}

/** Temporary files of the writer (`.<name>.<pid>.<hex>.tmp`) anywhere under `dir`. */
const temps = (dir: string) =>
  [...snapshot(dir).keys()].filter((f) => /(^|\/)\.[^/]*\.tmp$/.test(f));

const noStack = (stderr: string) => expect(stderr).not.toMatch(/^ {4}at /m);

const PERIOD = ['--period', '6m', '--year', '2022'];

/** A workspace with the period's files (one invalid) and a download folder. */
async function workspace(): Promise<string> {
  const ws = makeWorkspace();
  const dir = path.join(ws, 'nop', '2022-6m');
  mkdirSync(dir, { recursive: true });
  for (const code of ['15664', '15667', 'TTYT'] as const)
    writeFileSync(
      path.join(dir, `${code}.xlsx`),
      await unitWorkbook(code, '2022-6m', { values: DATA_2022[code] }),
    );
  writeFileSync(
    path.join(dir, '15670.xlsx'),
    await unitWorkbook('15670', '2022-6m', { values: { CB: { tong: 5, nu: 9 } } }),
  );
  const down = path.join(ws, 'tai-ve');
  mkdirSync(down);
  writeFileSync(
    path.join(down, 'thi tran (ban sua).xlsx'),
    await unitWorkbook('15664', '2022-6m', {
      values: { ...DATA_2022['15664'], CB: { tong: 26, nu: 9 } },
    }),
  );
  writeFileSync(
    path.join(down, 'tho binh loi.xlsx'),
    await unitWorkbook('15670', '2022-6m', { values: { CB: { tong: 'mười', nu: 9 } } }),
  );
  return ws;
}

let template: string;
beforeAll(async () => {
  template = await workspace();
}, 60_000);

/** A fresh copy of the prepared workspace (each test changes its own). */
function freshWorkspace(): string {
  const ws = tempDir('bctd-lost-');
  cpSync(template, ws, { recursive: true });
  return ws;
}

describe('inputs are byte-identical after every command', () => {
  it('validate --annotate into the same folder, receive, status, generate, template, lint', () => {
    const ws = freshWorkspace();
    const down = path.join(ws, 'tai-ve');
    mkdirSync(path.join(ws, 'bao-cao', '2022-6m'), { recursive: true });
    writeFileSync(
      path.join(ws, 'bao-cao', '2022-6m', 'noi-dung.md'),
      '# I. Công tác chỉ đạo, điều hành\n\nUBND huyện đã ban hành Kế hoạch số 45/KH-UBND.\n',
    );
    const before = snapshot(ws);
    const unchanged = (label: string, files: [string, string][]) => {
      for (const [rel, hash] of files)
        expect(sha(path.join(ws, rel)), `${rel} after ${label}`).toBe(hash);
    };
    const all = [...before.entries()];

    const v = bctd(['validate', down, '--annotate', down, ...PERIOD], { cwd: ws });
    expect(v.code).toBe(1);
    unchanged('validate --annotate', all);
    expect(readdirSync(down).some((n) => n.includes('kiem-tra'))).toBe(true);

    const oldFile = before.get('nop/2022-6m/15664.xlsx')!;
    const r = bctd(['receive', ...PERIOD, path.join(down, 'thi tran (ban sua).xlsx')], {
      cwd: ws,
    });
    expect(r.code).toBe(0);
    // The downloads are untouched; the unit's earlier file moved to cu/ whole.
    unchanged(
      'receive',
      all.filter(([f]) => f !== 'nop/2022-6m/15664.xlsx'),
    );
    expect(sha(path.join(ws, 'nop/2022-6m/15664.xlsx'))).toBe(
      before.get('tai-ve/thi tran (ban sua).xlsx'),
    );
    const cu = readdirSync(path.join(ws, 'nop/2022-6m/cu'));
    expect(cu.map((n) => sha(path.join(ws, 'nop/2022-6m/cu', n)))).toEqual([oldFile]);

    const inputs = snapshot(ws);
    const now = [...inputs.entries()];
    expect(bctd(['status', ...PERIOD], { cwd: ws }).code).toBe(0);
    unchanged('status', now);

    const g = bctd(
      [
        'generate',
        ...PERIOD,
        '--out',
        'ra/bao-cao.docx',
        '--narratives',
        'ra/tong-hop-noi-dung.docx',
        '--rollup',
        'ra/tong-hop.xlsx',
      ],
      { cwd: ws },
    );
    expect(g.stderr).toBe('');
    expect(g.code).toBe(0);
    unchanged('generate', now);

    const t = bctd(['template', ...PERIOD, '--out', 'bieu-mau'], { cwd: ws });
    expect(t.code).toBe(0);
    unchanged('template', now);

    const report = path.join(ws, 'ra/bao-cao.docx');
    const reportSha = sha(report);
    bctd(['lint', report], { cwd: ws });
    expect(sha(report)).toBe(reportSha);
    unchanged('lint', now);
    expect(temps(ws)).toEqual([]);
  }, 120_000);
});

describe('no overwrite without --force', () => {
  it.each([
    ['the report', ['--out', 'bc.docx']],
    ['the narratives', ['--out', 'bc2.docx', '--narratives', 'bc.docx']],
    ['the roll-up', ['--out', 'bc3.docx', '--rollup', 'bc.docx']],
  ])(
    '%s: an existing file is kept, exit 2, and nothing else is written',
    (_, args) => {
      const ws = freshWorkspace();
      writeFileSync(path.join(ws, 'bc.docx'), 'tệp cũ của văn thư');
      const before = snapshot(ws);
      const r = bctd(['generate', ...PERIOD, ...args], { cwd: ws });
      expect(r.code).toBe(2);
      noStack(r.stderr);
      expect(r.stderr).toContain('bc.docx');
      expect(r.stderr).toContain('--force');
      expect(readFileSync(path.join(ws, 'bc.docx'), 'utf8')).toBe('tệp cũ của văn thư');
      // All or nothing: no report written beside a refused roll-up.
      const after = snapshot(ws);
      const added = [...after.keys()].filter((f) => !before.has(f) && !f.endsWith('noi-dung.md'));
      expect(added).toEqual([]);
    },
    60_000,
  );

  it('with --force the report is replaced', () => {
    const ws = freshWorkspace();
    writeFileSync(path.join(ws, 'bc.docx'), 'cũ');
    const r = bctd(['generate', ...PERIOD, '--out', 'bc.docx', '--force'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(() => unzipSync(new Uint8Array(readFileSync(path.join(ws, 'bc.docx'))))).not.toThrow();
  }, 60_000);
});

/** Starts `generate` with a slow write and SIGKILLs it once its temporary file has bytes. */
function killMidWrite(ws: string, out: string, extra: string[] = []): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'generate', ...PERIOD, '--out', out, ...extra], {
      cwd: ws,
      env: { ...process.env, NO_COLOR: '1', BCTD_TEST_WRITE_DELAY_MS: '150' },
      stdio: 'ignore',
    });
    const dir = path.dirname(path.resolve(ws, out));
    const base = path.basename(out);
    const started = Date.now();
    const poll = setInterval(() => {
      const tmp = existsSync(dir)
        ? readdirSync(dir).filter((n) => n.startsWith(`.${base}.`) && n.endsWith('.tmp'))
        : [];
      const partial = tmp.find((n) => statSync(path.join(dir, n)).size > 0);
      if (partial !== undefined) {
        clearInterval(poll);
        child.kill('SIGKILL');
        child.on('exit', () => resolve(tmp));
      } else if (Date.now() - started > 60_000) {
        clearInterval(poll);
        child.kill('SIGKILL');
        reject(new Error('the write never started'));
      }
    }, 20);
    child.on('exit', (code) => {
      if (code === 0) {
        clearInterval(poll);
        reject(new Error('generate finished before it could be killed'));
      }
    });
  });
}

describe('a report killed in the middle of its write', () => {
  it('leaves no file under the report name, and the next run removes the temporary file', async () => {
    const ws = freshWorkspace();
    const left = await killMidWrite(ws, 'bao-cao.docx');
    expect(left.length).toBeGreaterThan(0);
    expect(existsSync(path.join(ws, 'bao-cao.docx'))).toBe(false);
    const r = bctd(['generate', ...PERIOD, '--out', 'bao-cao.docx'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(() =>
      unzipSync(new Uint8Array(readFileSync(path.join(ws, 'bao-cao.docx')))),
    ).not.toThrow();
    expect(temps(ws)).toEqual([]);
  }, 90_000);

  it('with --force, the previous report stays whole', async () => {
    const ws = freshWorkspace();
    expect(bctd(['generate', ...PERIOD, '--out', 'bao-cao.docx'], { cwd: ws }).code).toBe(0);
    const previous = sha(path.join(ws, 'bao-cao.docx'));
    await killMidWrite(ws, 'bao-cao.docx', ['--force', '--number', '12', '--date', '2022-07-05']);
    expect(sha(path.join(ws, 'bao-cao.docx'))).toBe(previous);
  }, 90_000);
});

describe('a disk that refuses the write', () => {
  const FAULTS = [
    ['EACCES', 'openSync', 'không có quyền ghi'],
    ['EROFS', 'openSync', 'chỉ cho phép đọc'],
    ['ENOSPC', 'writeSync', 'ổ đĩa đã đầy'],
    ['ENOSPC', 'fsyncSync', 'ổ đĩa đã đầy'],
  ] as const;

  const COMMANDS: [string, (ws: string) => string[]][] = [
    ['generate', () => ['generate', ...PERIOD, '--out', 'ra/bc.docx']],
    [
      'generate --narratives --rollup',
      () => ['generate', ...PERIOD, '--narratives', 'ra/nd.docx', '--rollup', 'ra/th.xlsx'],
    ],
    ['receive', (ws) => ['receive', ...PERIOD, path.join(ws, 'tai-ve', 'thi tran (ban sua).xlsx')]],
    ['template', () => ['template', ...PERIOD, '--out', 'bieu-mau']],
    ['validate --annotate', () => ['validate', 'tai-ve', '--annotate', 'kiem-tra', ...PERIOD]],
    ['page', () => ['page', ...PERIOD, '--out', 'ra/kiem-tra.html']],
  ];

  describe.each(COMMANDS)('%s', (_, args) => {
    it.each(FAULTS)(
      '%s during %s: a clear error, exit 2, nothing half-written',
      (code, call, reason) => {
        const ws = freshWorkspace();
        // noi-dung.md exists, so generate's first write is the report itself.
        mkdirSync(path.join(ws, 'bao-cao', '2022-6m'), { recursive: true });
        writeFileSync(
          path.join(ws, 'bao-cao', '2022-6m', 'noi-dung.md'),
          '# I. Công tác chỉ đạo\n',
        );
        const before = snapshot(ws);
        const r = bctd([...args(ws), '--format', 'json'], {
          cwd: ws,
          env: { BCTD_TEST_FS_FAULT: `${code}:${call}` },
        });
        expect(r.code, r.stdout + r.stderr).toBe(2);
        noStack(r.stderr);
        const err = (r.json() as { error: { code: string; message: string } }).error;
        expect(err.code).toBe('write-failed');
        expect(err.message).toContain('Không ghi được');
        expect(err.message).toContain(reason);
        expect(err.message).toContain(code);
        // Nothing changed, nothing added: no partial output, no temporary file, the period
        // folder and its ledger as they were.
        expect(snapshot(ws)).toEqual(before);
      },
    );
  });

  it.each([
    ['a refused move to cu/ changes nothing', false],
    ['a refused ledger write removes the new copy', true],
  ])('receive: %s', (_, firstFile) => {
    const ws = freshWorkspace();
    // Without an earlier file nothing moves: the file is linked into place, then the ledger
    // (replaced by rename) is refused.
    if (firstFile) rmSync(path.join(ws, 'nop', '2022-6m', '15664.xlsx'));
    const before = snapshot(ws);
    const r = bctd(['receive', ...PERIOD, path.join(ws, 'tai-ve', 'thi tran (ban sua).xlsx')], {
      cwd: ws,
      env: { BCTD_TEST_FS_FAULT: 'ENOSPC:renameSync' },
    });
    expect(r.code).toBe(2);
    noStack(r.stderr);
    expect(r.stderr).toContain('ổ đĩa đã đầy');
    expect(snapshot(ws)).toEqual(before);
  });
});
