import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, bctd, ROOT, tempDir } from './helpers/cli.js';

describe('the command-line contract', () => {
  it('speaks Vietnamese in --help and prints the version', () => {
    const help = bctd(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Cách dùng: bctd/);
    expect(help.stdout).toContain(
      'Mã thoát: 0 hoàn thành; 1 dữ liệu đầu vào có lỗi; 2 không chạy được',
    );
    const version = bctd(['--version']);
    expect(version.stdout.trim()).toBe(
      (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
        .version,
    );
    const sub = bctd(['generate', '--help']);
    expect(sub.stdout).toMatch(/Tùy chọn:/);
    expect(sub.stdout).toContain('--draft');
    // Every command's help lists bctd's own options too, and no English word is left over,
    // even where a long line wraps.
    for (const cmd of [
      'init',
      'outline',
      'lint',
      'template',
      'validate',
      'receive',
      'status',
      'generate',
      'page',
    ]) {
      const h = bctd([cmd, '--help']).stdout;
      expect(h, cmd).toMatch(/^Tùy chọn chung:\n[^]*-w, --workspace <thư mục>/m);
      expect(h, cmd).not.toMatch(/Usage|Options|default|choices/);
    }
  });

  /**
   * The modules a run of bctd loads: bin/bctd.js and the bundle's vendor-*.cjs files it
   * requires, mapped back to the modules in them (scripts/build-cli.js, meta.json).
   */
  function modulesLoaded(runs: string[][], cwd?: string): string {
    const dir = tempDir();
    const trace = path.join(dir, 'trace.txt');
    writeFileSync(trace, '');
    for (const args of runs) {
      const r = bctd(args, {
        ...(cwd === undefined ? {} : { cwd }),
        env: {
          BCTD_TRACE_FILE: trace,
          NODE_OPTIONS: `--import=${path.join(ROOT, 'test/helpers/trace-register.mjs')}`,
        },
      });
      expect(r.code).toBe(0);
    }
    const meta = JSON.parse(
      readFileSync(path.join(ROOT, 'dist', 'bundle', 'meta.json'), 'utf8'),
    ) as Record<string, string[]>;
    const loaded = new Set<string>();
    for (const url of readFileSync(trace, 'utf8').split('\n').filter(Boolean)) {
      const file = fileURLToPath(url);
      const inBundle = path.relative(path.join(ROOT, 'dist', 'bundle'), file);
      if (!inBundle.startsWith('..') && !path.isAbsolute(inBundle)) {
        for (const m of meta[inBundle] ?? []) loaded.add(m);
      } else loaded.add(path.relative(ROOT, file).split(path.sep).join('/'));
    }
    return [...loaded].join('\n');
  }

  it('loads neither exceljs nor docx for --help and --version', () => {
    const all = modulesLoaded([
      ['--help'],
      ['--version'],
      ['validate', '--help'],
      // A command's help does not start loading the command (generate's would load docx).
      ['generate', '--help'],
      ['template', '-h'],
    ]);
    expect(all).toContain('bin/bctd.js'); // the trace works
    expect(all).not.toMatch(/node_modules\/(exceljs|docx|jszip|yaml|handlebars)\//);
    // ... and sees a library that a command does load: the outline parser reads YAML with yaml.
    const parsing = modulesLoaded([['outline', '--file', path.join(ROOT, 'outlines', 'bdg.yaml')]]);
    expect(parsing).toMatch(/node_modules\/yaml\//);
  });

  it('checks one workbook of a workspace without the outline parser or the writers', () => {
    const demo = path.join(ROOT, 'fixtures', 'demo');
    const file = readdirSync(path.join(demo, 'nop', '2022-6m')).find((f) => f.endsWith('.xlsx'))!;
    const all = modulesLoaded([['validate', path.join('nop', '2022-6m', file)]], demo);
    expect(all).toContain('bin/bctd.js');
    // The built-in outline comes from its build snapshot (no yaml, no handlebars), workspace
    // YAML through js-yaml (in the main bundle), and nothing of the writers.
    expect(all).not.toMatch(/node_modules\/(exceljs|docx|jszip|yaml|handlebars)\//);
  });

  it('runs the same with a damaged code cache, and writes a good one in its place', () => {
    // A copy of the installed program (bin/bctd.js and dist/bundle/ with what they read), so
    // that the other tests keep the real cache.
    const pkg = tempDir();
    for (const p of ['bin', 'dist/bundle', 'dist/outlines', 'outlines', 'package.json']) {
      cpSync(path.join(ROOT, p), path.join(pkg, p), { recursive: true });
    }
    const cache = path.join(pkg, 'dist', 'bundle', 'main.cache');
    writeFileSync(cache, 'not a V8 code cache');
    const demo = path.join(ROOT, 'fixtures', 'demo');
    const file = readdirSync(path.join(demo, 'nop', '2022-6m')).find((f) => f.endsWith('.xlsx'))!;
    const args = ['validate', path.join('nop', '2022-6m', file)];
    const bin = path.join(pkg, 'bin', 'bctd.js');
    const run = () => bctd(args, { cwd: demo, bin });
    const expected = bctd(args, { cwd: demo });
    const damaged = run();
    expect(damaged.code).toBe(expected.code);
    expect(damaged.stdout).toBe(expected.stdout);
    expect(damaged.stderr).toBe('');
    const written = readFileSync(cache);
    expect(written.length).toBeGreaterThan(10_000);
    // ... which the next run takes as it is.
    const again = run();
    expect(again.stdout).toBe(expected.stdout);
    expect(readFileSync(cache).equals(written)).toBe(true);
    // The workers of --jobs load theirs the same way, and save it after their first file.
    const workerCache = path.join(pkg, 'dist', 'bundle', 'worker.cache');
    writeFileSync(workerCache, 'not a V8 code cache either');
    const folder = ['validate', path.join('nop', '2022-6m'), '--jobs', '2', '--format', 'json'];
    const viaWorkers = bctd(folder, { cwd: demo, bin });
    expect(viaWorkers.stdout).toBe(bctd(folder, { cwd: demo }).stdout);
    expect(readFileSync(workerCache).length).toBeGreaterThan(10_000);
    // bin/load-cached.cjs reads the bundle as Latin-1: it must be ASCII, or text would come
    // out wrong.
    for (const f of ['main.cjs', 'worker.cjs']) {
      expect(readFileSync(path.join(pkg, 'dist', 'bundle', f)).every((b) => b < 0x80)).toBe(true);
    }
  });

  it('ends quietly, with its own exit code, when the reader of its output goes away', async () => {
    // `bctd outline | head -1`: the pipe is closed before bctd writes.
    const child = spawn(process.execPath, [BIN, 'outline'], {
      cwd: path.join(ROOT, 'fixtures', 'demo'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('says what to do, in Vietnamese and with exit 2, when it was never built', () => {
    const pkg = tempDir();
    cpSync(path.join(ROOT, 'bin'), path.join(pkg, 'bin'), { recursive: true });
    const r = bctd(['--version'], { bin: path.join(pkg, 'bin', 'bctd.js') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bctd chưa được dựng');
    expect(r.stderr).toContain('npm ci && npm run build');
  });

  it('maps bad options to exit 2 with one JSON document', () => {
    const r = bctd(['init', '--format', 'json', '--no-such-option']);
    expect(r.code).toBe(2);
    expect(r.json()).toEqual({
      error: {
        code: 'bad-option',
        message: 'Tùy chọn không hợp lệ: --no-such-option. Xem các tùy chọn bằng --help.',
      },
    });
    const bad = bctd(['init', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'Lỗi: Giá trị "xml" không hợp lệ cho --format <format>; chọn một trong: text, json.\n',
    );
    // A value left out: the next option must not be taken as the value silently.
    const missing = bctd(['generate', '--period', '--format', 'json']);
    expect(missing.code).toBe(2);
    expect(missing.json()).toEqual({
      error: {
        code: 'bad-option',
        message: 'Tùy chọn --period cần một giá trị, nhưng sau nó là "--format".',
      },
    });
    const unknown = bctd(['gennerate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Không có lệnh "gennerate"/);
  });

  it('says where no workspace was found (exit 2)', () => {
    const dir = tempDir();
    const r = bctd(['outline', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect((r.json().error as { code: string }).code).toBe('no-workspace');
  });
});

describe('bctd init', () => {
  it('writes the Triệu Sơn preset and never overwrites without --force', () => {
    const dir = tempDir();
    const first = bctd(['init', dir, '--format', 'json']);
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({
      written: ['bctd.yaml', 'units.yaml'],
      kept: [],
      error: null,
    });
    for (const f of ['bctd.yaml', 'units.yaml', 'nop', 'bao-cao'])
      expect(existsSync(path.join(dir, f))).toBe(true);
    writeFileSync(
      path.join(dir, 'bctd.yaml'),
      readFileSync(path.join(dir, 'bctd.yaml'), 'utf8') + '# sửa tay\n',
    );
    const again = bctd(['init', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('giữ nguyên bctd.yaml (đã có; thêm --force để ghi đè)');
    expect(readFileSync(path.join(dir, 'bctd.yaml'), 'utf8')).toContain('# sửa tay');
    const forced = bctd(['init', dir, '--force', '--format', 'json']);
    expect(forced.json()).toMatchObject({ written: ['bctd.yaml', 'units.yaml'], kept: [] });
    expect(readFileSync(path.join(dir, 'bctd.yaml'), 'utf8')).not.toContain('# sửa tay');
  });

  it('refuses an unknown preset with exit 2 and lists the known ones', () => {
    const r = bctd(['init', tempDir(), '--preset', 'ha-noi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Không có bộ cấu hình "ha-noi"');
    expect(r.stderr).toContain('trieu-son-2022');
  });
});
