/**
 * Issue 7, "Hostile inputs", end to end through the built CLI: every hostile file of the
 * reader tests, plus the names and folder shapes a clerk's download folder really has, in one
 * batch with one valid workbook. Each file gets its own issue code, the valid one stays valid,
 * the batch finishes, and nothing a file name says is ever executed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bctd, tempDir } from './helpers/cli.js';
import { csvFile, emptyFile, HOSTILE_FILES, randomFile, truncatedZip } from './helpers/hostile.js';
import { DATA_2022, makeWorkspace, unitWorkbook } from './generate-fixture.js';

interface JsonIssue {
  severity: string;
  code: string;
  message: string;
  sheet?: string;
}
interface JsonFile {
  path: string;
  valid: boolean;
  issues: JsonIssue[];
}

/** No stack trace ever reaches the clerk: not even for a bug (that is `internal`, no stack). */
const noStack = (stderr: string) => expect(stderr).not.toMatch(/^ {4}at /m);

/** File names as they arrive by email and chat, each with simple hostile content. */
const ODD_NAMES: { name: string; make: () => Uint8Array; code: string }[] = [
  { name: 'Báo cáo xã Thọ Sơn.xlsx', make: csvFile, code: 'file-csv' },
  { name: 'bao cao (1) (2).xlsx', make: emptyFile, code: 'file-empty' },
  { name: '-bao-cao.xlsx', make: truncatedZip, code: 'file-truncated' },
  { name: '$(touch pwned).xlsx', make: randomFile, code: 'file-not-zip' },
  { name: '`touch pwned2`; rm -rf x.xlsx', make: randomFile, code: 'file-not-zip' },
];

let root: string;
let dir: string;
let ws: string;

beforeAll(async () => {
  root = tempDir('bctd-hostile-');
  dir = path.join(root, 'tai ve (Zalo)');
  mkdirSync(dir);
  for (const h of HOSTILE_FILES) {
    const file = path.join(dir, h.fileName);
    if (existsSync(file)) throw new Error(`two hostile files named ${h.fileName}`);
    writeFileSync(file, h.make());
  }
  for (const o of ODD_NAMES) writeFileSync(path.join(dir, o.name), o.make());
  // A folder that claims to be a workbook, and loops of symbolic links: a folder linking to
  // its parent, and two names pointing at each other.
  mkdirSync(path.join(dir, 'x.xlsx'));
  mkdirSync(path.join(dir, 'vong lap'));
  symlinkSync('..', path.join(dir, 'vong lap', 'len'));
  symlinkSync('b-vong.xlsx', path.join(dir, 'a-vong.xlsx'));
  symlinkSync('a-vong.xlsx', path.join(dir, 'b-vong.xlsx'));

  ws = makeWorkspace();
  writeFileSync(
    path.join(dir, 'hop-le.xlsx'),
    await unitWorkbook('15664', '2022-6m', { values: DATA_2022['15664'] }),
  );
}, 120_000);

describe('validate: a folder of hostile files and one valid workbook', () => {
  let run: ReturnType<typeof bctd>;
  let files: JsonFile[];
  let seconds = 0;

  beforeAll(() => {
    const t0 = Date.now();
    run = bctd(['validate', dir, '--outline', path.join(ws, 'de-cuong.yaml'), '--format', 'json'], {
      cwd: root,
      timeout: 100_000,
    });
    seconds = (Date.now() - t0) / 1000;
    files = (run.json() as { files: JsonFile[] }).files;
  }, 110_000);

  const byName = (name: string): JsonFile => {
    const f = files.find((x) => path.basename(x.path) === name);
    if (!f) throw new Error(`${name} not reported; got ${files.map((x) => x.path).join(', ')}`);
    return f;
  };

  it('exits 1 with a JSON report on stdout, no stack trace, within the time box', () => {
    expect(run.code).toBe(1);
    noStack(run.stderr);
    expect(seconds).toBeLessThan(60);
  });

  it('the valid workbook is still valid', () => {
    const f = byName('hop-le.xlsx');
    expect(f.valid).toBe(true);
    expect(f.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it.each(HOSTILE_FILES.map((h) => [h.label, h] as const))('%s: its own issue', (_, h) => {
    const f = byName(h.fileName);
    if (h.expect === 'ok') {
      // Readable but not a bctd workbook: reported (never a crash), with a layout issue.
      expect(f.valid).toBe(false);
      expect(f.issues.length).toBeGreaterThan(0);
      expect(f.issues.every((i) => /^[a-z0-9-]+$/.test(i.code) && i.message.length > 0)).toBe(true);
      // 200 000 styled empty rows are not data: no row limit is hit.
      expect(f.issues.map((i) => i.code)).not.toContain('file-too-many-rows');
      if (h.label === 'no [Content_Types].xml')
        expect(f.issues.map((i) => i.code)).toContain('file-no-content-types');
    } else {
      expect(f.valid).toBe(false);
      const want = `file-${h.expect.problem}`;
      expect(f.issues.map((i) => i.code)).toContain(want);
      const issue = f.issues.find((i) => i.code === want)!;
      expect(issue.severity).toBe('error');
      expect(issue.message).toContain(h.fileName);
    }
  });

  it.each(ODD_NAMES.map((o) => [o.name, o] as const))('a file named %s', (_, o) => {
    const f = byName(o.name);
    expect(f.issues.map((i) => i.code)).toEqual([o.code]);
    // Named in the message exactly as it is on disk.
    expect(f.issues[0]!.message).toContain(o.name);
  });

  it('nothing a file name says is executed', () => {
    for (const d of [root, dir, ws, process.cwd()]) {
      expect(existsSync(path.join(d, 'pwned'))).toBe(false);
      expect(existsSync(path.join(d, 'pwned2'))).toBe(false);
    }
  });

  it('a folder named x.xlsx is scanned as a folder, and link loops end', () => {
    expect(files.some((f) => f.path.endsWith('x.xlsx') && !f.path.includes('-'))).toBe(false);
    // Every file is reported once, even though `vong lap/len` leads back to the folder.
    const names = files.map((f) => f.path);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.includes('vong lap'))).toEqual([]);
    const expected = HOSTILE_FILES.length + ODD_NAMES.length + 1;
    expect(files).toHaveLength(expected);
  });
});

describe('validate: odd paths given on the command line', () => {
  it('a leading dash after --, a folder named x.xlsx and a link loop are each reported', () => {
    const r = bctd(
      ['validate', '--format', 'json', '--', '-bao-cao.xlsx', 'x.xlsx', 'a-vong.xlsx'],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    noStack(r.stderr);
    const files = (r.json() as { files: JsonFile[] }).files;
    expect(files.map((f) => [f.path, f.issues.map((i) => i.code)])).toEqual([
      ['-bao-cao.xlsx', ['file-truncated']],
      ['x.xlsx', ['folder-empty']],
      ['a-vong.xlsx', ['path-missing']],
    ]);
  });

  it.skipIf(process.platform === 'win32')(
    'a named pipe as bctd.yaml or as an outline is refused at once, not waited on',
    () => {
      const ws = tempDir('bctd-fifo-ws-');
      execFileSync('mkfifo', [path.join(ws, 'bctd.yaml')]);
      const outline = path.join(ws, 'de-cuong.yaml');
      execFileSync('mkfifo', [outline]);
      for (const [args, what] of [
        [['status'], 'tệp cấu hình'],
        [['outline', '--file', outline], 'tệp đề cương'],
      ] as const) {
        const r = bctd([...args], { cwd: ws, timeout: 20_000 });
        expect(r.code).toBe(2);
        noStack(r.stderr);
        expect(r.stderr).toContain(`Không đọc được ${what}`);
        expect(r.stderr).toMatch(/không phải một tệp thông thường/);
      }
    },
  );

  it.skipIf(process.platform === 'win32')(
    'a named pipe or a device given as a workbook is refused at once, in process and on workers',
    () => {
      const fifo = path.join(dir, 'ong-dan.xlsx');
      if (!existsSync(fifo)) execFileSync('mkfifo', [fifo]);
      // Two paths without --jobs are checked in process; --jobs 1 and 2 on workers.
      for (const jobs of [[], ['--jobs', '1'], ['--jobs', '2']]) {
        // Without a writer, opening the pipe to read would wait forever.
        const r = bctd(['validate', '--format', 'json', ...jobs, fifo, '/dev/zero'], {
          cwd: dir,
          timeout: 20_000,
        });
        expect(r.code).toBe(1);
        noStack(r.stderr);
        const files = (r.json() as { files: JsonFile[] }).files;
        expect(files.map((f) => [f.path, f.issues.map((i) => i.code)])).toEqual([
          [fifo, ['path-unreadable']],
          ['/dev/zero', ['path-unreadable']],
        ]);
        expect(files[0]?.issues[0]?.message).toMatch(/không phải một tệp thông thường/);
      }
    },
  );

  it('a file named like an option, without --, is refused as an option, not read', () => {
    const r = bctd(['validate', '-bao-cao.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    noStack(r.stderr);
    expect(r.stderr).toMatch(/Tùy chọn/);
  });
});

describe('receive and generate on a workspace whose period folder holds hostile files', () => {
  const hostileUnits = {
    '15667': HOSTILE_FILES.find((h) => h.label.startsWith('zip bomb'))!,
    '15670': HOSTILE_FILES.find((h) => h.label === 'external entity in a sheet')!,
    TTYT: HOSTILE_FILES.find((h) => h.label === 'truncated zip')!,
  };
  let periodDir: string;

  beforeAll(() => {
    periodDir = path.join(ws, 'nop', '2022-6m');
    mkdirSync(periodDir, { recursive: true });
    for (const [code, h] of Object.entries(hostileUnits))
      writeFileSync(path.join(periodDir, `${code}.xlsx`), h.make());
    // Files no unit code names, in every hostile shape.
    for (const h of HOSTILE_FILES)
      writeFileSync(path.join(periodDir, `khac-${h.fileName}`), h.make());
    mkdirSync(path.join(periodDir, 'x.xlsx'));
  });

  it('receive: the valid file is filed, each hostile file refused, no stack trace', () => {
    const inputs = [
      path.join(dir, 'hop-le.xlsx'),
      ...HOSTILE_FILES.map((h) => path.join(dir, h.fileName)),
    ];
    const r = bctd(
      ['receive', '--period', '6m', '--year', '2022', '--format', 'json', '--', ...inputs],
      { cwd: ws, timeout: 100_000 },
    );
    noStack(r.stderr);
    expect([0, 1]).toContain(r.code);
    const files = (r.json() as { files: { input: string; status: string }[] }).files;
    expect(files).toHaveLength(inputs.length);
    expect(files[0]).toMatchObject({ status: 'filed' });
    for (const f of files.slice(1)) expect(f.status).toBe('refused');
    expect(existsSync(path.join(periodDir, '15664.xlsx'))).toBe(true);
  }, 110_000);

  it('generate: the report is written and those units are listed as sai định dạng', () => {
    const out = path.join(ws, 'bao-cao-hostile.docx');
    const r = bctd(
      ['generate', '--period', '6m', '--year', '2022', '--out', out, '--format', 'json'],
      { cwd: ws, timeout: 100_000 },
    );
    noStack(r.stderr);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const j = r.json() as { leftOut: { code: string; status: string }[] };
    for (const code of Object.keys(hostileUnits))
      expect(j.leftOut.find((u) => u.code === code)?.status).toBe('sai-dinh-dang');
    const text = bctd(['status', '--period', '6m', '--year', '2022'], {
      cwd: ws,
      timeout: 100_000,
    });
    noStack(text.stderr);
    expect(text.code).toBe(0);
    for (const code of Object.keys(hostileUnits))
      expect(text.stdout).toMatch(new RegExp(`${code}.*sai định dạng`));
  }, 110_000);
});
