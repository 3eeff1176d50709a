#!/usr/bin/env node
/**
 * `npm run bench` (issue 6): whole-process timings and peak memory of bctd on synthetic
 * workspaces of 50 (a district), 600 (a province) and 10,000 (the country) unit workbooks,
 * with the baselines measured in the same run (`node -e 0`, an exceljs readFile loop, an
 * `unzip -p` loop with one process per file, and one `unzip -p` process over the folder) so that the figures are read as ratios on a shared, noisy machine.
 * Writes the results between the bench markers of docs/BENCHMARKS.md.
 *
 *   npm run build && node scripts/bench.js [--sizes 50,600,10000] [--runs 5] [--big-runs 5]
 *                                           [--no-write] [--prepare]
 *
 * The workspaces go to bench-out/ (git-ignored) and are reused while the generator (the hash
 * of the built synthetic.js and template.js) and the seed are unchanged; `--prepare` only
 * makes them.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const BIN = path.join(root, 'bin', 'bctd.js');
const OUT = path.join(root, 'bench-out');
const DOC = path.join(root, 'docs', 'BENCHMARKS.md');
const SEED = 'bctd-bench-1';
const PERIOD = { kind: '6m', year: 2022 };

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const SIZES = arg('--sizes', '50,600,10000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const RUNS = Number(arg('--runs', '5'));
const BIG_RUNS = Number(arg('--big-runs', '5'));
/** Sizes from this one up are "large": fewer runs of the slowest measurements. */
const BIG = 5000;
const WRITE = !process.argv.includes('--no-write');

if (!existsSync(path.join(dist, 'cli', 'main.js'))) {
  console.error('dist/ is missing: run "npm run build" first.');
  process.exit(2);
}
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const log = (s) => process.stderr.write(`${s}\n`);

// ---- workspaces ----

function generatorVersion() {
  const h = createHash('sha256');
  for (const f of ['app/synthetic.js', 'workbook/template.js', 'outline/helpers.js']) {
    const p = path.join(dist, f);
    if (existsSync(p)) h.update(readFileSync(p));
  }
  return h.digest('hex').slice(0, 16);
}

async function workspace(n) {
  const dir = path.join(OUT, `ws-${n}`);
  const stampFile = path.join(dir, '.bench.json');
  const want = { units: n, seed: SEED, generator: generatorVersion() };
  if (existsSync(stampFile)) {
    const have = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (JSON.stringify(have) === JSON.stringify(want)) return dir;
  }
  log(`Tạo không gian làm việc ${n} đơn vị trong ${path.relative(root, dir)} ...`);
  rmSync(dir, { recursive: true, force: true });
  const { builtinOutline } = await import(path.join(dist, 'app', 'outline.js'));
  const { synthesizeWorkspace } = await import(path.join(dist, 'app', 'synthetic.js'));
  const { makePeriod } = await import(path.join(dist, 'period', 'periods.js'));
  const t = performance.now();
  await synthesizeWorkspace({
    dir,
    outline: builtinOutline('bdg'),
    units: n,
    periods: [makePeriod(PERIOD.kind, PERIOD.year)],
    seed: SEED,
    presetDir: path.join(root, 'presets', 'trieu-son-2022'),
    now: new Date(2022, 11, 31, 12),
    profile: { narratives: 'full' },
    onFile: (_f, done, total) => {
      if (done % 500 === 0) log(`  ${done}/${total}`);
    },
  });
  writeFileSync(stampFile, JSON.stringify(want));
  log(`  xong sau ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return dir;
}

const periodId = `${PERIOD.year}-${PERIOD.kind}`;
const filesOf = (dir) =>
  readdirSync(path.join(dir, 'nop', periodId))
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => path.join('nop', periodId, f));

// ---- measuring ----

/** One whole process: wall time (ms) and peak RSS (MB, from /usr/bin/time or /proc). */
function once(cmd, args, cwd) {
  const rss = path.join(OUT, '.rss');
  const t = process.hrtime.bigint();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%M', '-o', rss, cmd, ...args], { cwd, stdio: 'ignore' })
    : spawnSync(cmd, args, { cwd, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status}`);
  }
  let mb = null;
  if (TIME) {
    const kb = Number(readFileSync(rss, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb)) mb = kb / 1024;
  }
  return { ms, mb, status: r.status };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs each command `runs` times after one warm-up each (page cache, lazy compilation caches;
 * the large sizes skip it: their files do not stay in the page cache between commands anyway),
 * taking the commands in turn, one run of each per round, forwards in one round and backwards
 * in the next (A B C, C B A, ...). The host's speed drifts over minutes on a shared machine;
 * measured in alternation, the commands that a ratio compares see the same drift, so the ratios
 * hold where a block of runs per command would put one command in a fast minute and the other
 * in a slow one. Neighbours in the list (validate --jobs 1 and 2) stay next to each other in
 * every round, so each round gives them a ratio of its own (see `paired`).
 */
function measureAll(commands, runs, warm = true) {
  if (warm) for (const c of commands) once(c.cmd, c.args, c.cwd);
  const got = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < commands.length; k++) {
      const j = i % 2 === 0 ? k : commands.length - 1 - k;
      const c = commands[j];
      got[j].push(once(c.cmd, c.args, c.cwd));
    }
  }
  return commands.map((c, j) => {
    const ms = got[j].map((g) => g.ms);
    const mbs = got[j].map((g) => g.mb).filter((x) => x !== null);
    const row = {
      label: c.label,
      runs,
      // In round order: runs of the same round of two rows were made one after the other.
      samples: ms,
      median: median(ms),
      min: Math.min(...ms),
      max: Math.max(...ms),
      rss: mbs.length ? Math.max(...mbs) : null,
      /** Each run's peak, in round order: one run's spike shows apart from the others. */
      rssRuns: mbs,
      status: got[j][0]?.status,
    };
    log(
      `${c.label.padEnd(48)} ${fmtMs(row.median).padStart(9)}  (${fmtMs(row.min)}-${fmtMs(row.max)}, ${runs}×)  ${row.rss === null ? '' : `${row.rss.toFixed(0)} MB`}`,
    );
    return row;
  });
}

const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

// ---- baselines ----

/** A plain exceljs loop: what reading the same files with a general library costs. */
function exceljsScript() {
  const file = path.join(OUT, 'exceljs-loop.mjs');
  writeFileSync(
    file,
    [
      // bench-out/ is inside the package: 'exceljs' resolves to its node_modules.
      `import ExcelJS from 'exceljs';`,
      `import { readFileSync } from 'node:fs';`,
      `const files = readFileSync(process.argv[2], 'utf8').split('\\n').filter(Boolean);`,
      `let cells = 0;`,
      `for (const f of files) {`,
      `  const wb = new ExcelJS.Workbook();`,
      `  await wb.xlsx.readFile(f);`,
      `  wb.eachSheet((ws) => { cells += ws.rowCount; });`,
      `}`,
      `if (cells < 0) console.log(cells);`,
      '',
    ].join('\n'),
  );
  return file;
}

function listFile(dir, files) {
  const f = path.join(OUT, `files-${path.basename(dir)}.txt`);
  writeFileSync(f, files.map((x) => path.join(dir, x)).join('\n') + '\n');
  return f;
}

// ---- machine ----

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? '?';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() || String(os.cpus().length);
  return {
    nproc,
    model,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    load: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

// ---- main ----

mkdirSync(OUT, { recursive: true });
const m = machine();
log(`${m.model}, ${m.nproc} nhân, ${m.memory}, Node ${m.node}, tải ${m.load}`);
const rows = {};
const node = process.execPath;
const bctd = (args) => [BIN, ...args];

const spaces = {};
for (const n of SIZES) spaces[n] = await workspace(n);
if (process.argv.includes('--prepare')) process.exit(0);

// Start-up: node -e 0 and the commands measured against it, in alternation.
const starts = [
  { key: 'node', label: 'node -e 0', cmd: node, args: ['-e', '0'], cwd: root },
  { key: 'version', label: 'bctd --version', cmd: node, args: bctd(['--version']), cwd: root },
  { key: 'help', label: 'bctd --help', cmd: node, args: bctd(['--help']), cwd: root },
];
const first = SIZES[0];
if (first !== undefined) {
  const dir = spaces[first];
  starts.push({
    key: 'one',
    label: `bctd validate (1 tệp, trong ${first})`,
    cmd: node,
    args: bctd(['validate', filesOf(dir)[0]]),
    cwd: dir,
  });
}
// Short runs: three times the runs, so that a median is not one lucky or unlucky moment.
measureAll(starts, RUNS * 3).forEach((row, k) => {
  rows[starts[k].key] = row;
});

const excel = exceljsScript();
const per = {};
for (const n of SIZES) {
  const dir = spaces[n];
  const files = filesOf(dir);
  const runs = n >= BIG ? BIG_RUNS : RUNS;
  const warm = n < BIG;
  const list = listFile(dir, files);
  const r = { files: files.length, runs };
  const target = path.join('nop', periodId);
  const commands = [
    // The issue's baseline: the `unzip -p` loop, one process per file, every part of every
    // file decompressed to /dev/null (what a clerk's script that only opens the files would
    // cost).
    {
      key: 'unzipLoop',
      label: `unzip -p loop (${n})`,
      cmd: 'sh',
      args: ['-c', `for f in nop/${periodId}/*.xlsx; do unzip -p -qq "$f" > /dev/null; done`],
    },
    // A stricter one: one unzip process for the whole folder (a quoted wildcard is expanded
    // by unzip itself), so no process start per file; only decompression is left.
    {
      key: 'unzip',
      label: `unzip -p (${n})`,
      cmd: 'sh',
      args: ['-c', `unzip -p -qq 'nop/${periodId}/*.xlsx' > /dev/null`],
    },
    { key: 'exceljs', label: `exceljs readFile loop (${n})`, cmd: node, args: [excel, list] },
    {
      key: 'v1',
      label: `bctd validate --jobs 1 (${n})`,
      cmd: node,
      args: bctd(['validate', target, '--jobs', '1', '--format', 'json']),
    },
    {
      key: 'v2',
      label: `bctd validate --jobs 2 (${n})`,
      cmd: node,
      args: bctd(['validate', target, '--jobs', '2', '--format', 'json']),
    },
    {
      key: 'gen',
      label: `bctd generate (${n})`,
      cmd: node,
      args: bctd([
        'generate',
        '--period',
        PERIOD.kind,
        '--year',
        String(PERIOD.year),
        '--out',
        path.join(OUT, `bao-cao-${n}.docx`),
        '--force',
        '--format',
        'json',
      ]),
    },
  ].map((c) => ({ ...c, cwd: dir }));
  measureAll(commands, runs, warm).forEach((row, k) => {
    r[commands[k].key] = row;
  });
  per[n] = r;
}

// ---- the report ----

const x = (a, b) => (b > 0 ? a / b : NaN);
/**
 * a/b from runs made in the same rounds: the median of the rounds' own ratios. The host's
 * speed drifts by tens of percent within a minute; a round's two runs are next to each other
 * and share its speed, so this ratio is far steadier than the ratio of the two medians.
 */
const paired = (a, b) =>
  median(a.samples.map((ms, i) => x(ms, b.samples[i])).filter((v) => Number.isFinite(v)));
const ratio = (a, b) => `${x(a, b).toFixed(2)}×`;
const mb = (v) => (v === null || v === undefined ? '–' : `${v.toFixed(0)} MB`);
const cell = (r) => `${fmtMs(r.median)} (${fmtMs(r.min)}–${fmtMs(r.max)})`;
const mark = (ok) => (ok ? '✓' : '✗');

const lines = [];
lines.push(
  `Run of ${m.date}: ${m.model}, \`nproc\` ${m.nproc}, ${m.memory} RAM, Node ${m.node}, ${m.os}, load average at start ${m.load}.`,
  '',
  `Each figure is a whole process, median of ${RUNS} runs after one warm-up (min–max in brackets; ` +
    `the start-up rows ${RUNS * 3} runs); sizes from ${BIG} files use ${BIG_RUNS} runs without warm-up. ` +
    'The commands of one table row (and the start-up rows) run in alternation, one run of each per round, ' +
    'forwards in one round and backwards in the next, ' +
    "so that they share the host's drifts in speed. Peak RSS is the largest of the runs (" +
    `${TIME ? '`/usr/bin/time -f %M`' : 'not measured: /usr/bin/time missing'}). ` +
    'The machine is shared: compare ratios within one run, not across runs.',
  '',
  '| What | Wall | Peak RSS |',
  '|---|---|---|',
);
for (const r of [rows.node, rows.version, rows.help, rows.one].filter(Boolean))
  lines.push(`| ${r.label} | ${cell(r)} | ${mb(r.rss)} |`);
lines.push('');
lines.push(
  '| Files | unzip -p loop | unzip -p, one process | exceljs loop | validate --jobs 1 | validate --jobs 2 | generate | RSS validate 1 / 2 | RSS generate |',
  '|---|---|---|---|---|---|---|---|---|',
);
for (const n of SIZES) {
  const r = per[n];
  lines.push(
    `| ${r.files} (${r.runs} runs${r.runs < RUNS ? ', no warm-up' : ''}) | ${cell(r.unzipLoop)} | ${cell(r.unzip)} | ${cell(r.exceljs)} | ${cell(r.v1)} | ${cell(r.v2)} | ${cell(r.gen)} | ${mb(r.v1.rss)} / ${mb(r.v2.rss)} | ${mb(r.gen.rss)} |`,
  );
}
lines.push(
  '',
  '| Files | validate 1 / unzip loop | validate 2 / unzip loop | validate 2 / one unzip | exceljs / unzip loop | jobs 1 / jobs 2 (paired) | validate 1 / exceljs |',
  '|---|---|---|---|---|---|---|',
);
for (const n of SIZES) {
  const r = per[n];
  lines.push(
    `| ${r.files} | ${ratio(r.v1.median, r.unzipLoop.median)} | ${ratio(r.v2.median, r.unzipLoop.median)} | ${ratio(r.v2.median, r.unzip.median)} | ${ratio(r.exceljs.median, r.unzipLoop.median)} | ${ratio(r.v1.median, r.v2.median)} (${paired(r.v1, r.v2).toFixed(2)}×) | ${ratio(r.v1.median, r.exceljs.median)} |`,
  );
}

lines.push('', '### Targets (issue 6)', '');
const targets = [];
const p600 = per[600];
if (p600) {
  const best = Math.min(p600.v1.median, p600.v2.median);
  targets.push([
    'validate of 600 files ≤ 1.0× the unzip -p loop',
    x(best, p600.unzipLoop.median) <= 1.0,
    `best of --jobs 1/2: ${ratio(best, p600.unzipLoop.median)} (jobs 1 ${ratio(p600.v1.median, p600.unzipLoop.median)}, jobs 2 ${ratio(p600.v2.median, p600.unzipLoop.median)}); against one unzip process: ${ratio(best, p600.unzip.median)}`,
  ]);
}
const p10k = per[10000];
if (p10k) {
  const peak = Math.max(p10k.v1.rss ?? Infinity, p10k.v2.rss ?? Infinity);
  const gpeak = p10k.gen.rss ?? Infinity;
  const runsOf = (r) => r.rssRuns.map((v) => v.toFixed(0)).join(', ');
  targets.push([
    '10,000 files validated with peak RSS < 400 MB',
    peak < 400,
    `${mb(p10k.v1.rss)} (jobs 1; runs ${runsOf(p10k.v1)}), ${mb(p10k.v2.rss)} (jobs 2; runs ${runsOf(p10k.v2)})`,
  ]);
  targets.push([
    '10,000 files validated and aggregated (generate) with peak RSS < 400 MB',
    gpeak < 400,
    `${mb(p10k.gen.rss)} (runs ${runsOf(p10k.gen)})`,
  ]);
}
const largest = per[Math.max(...SIZES)];
if (largest) {
  const pair = paired(largest.v1, largest.v2);
  targets.push([
    `--jobs 2 ≥ 1.3× faster than --jobs 1 (${largest.files} files)`,
    pair >= 1.3,
    `${pair.toFixed(2)}× (median of the ${largest.v1.samples.length} rounds' own ratios: ` +
      `${largest.v1.samples.map((ms, i) => x(ms, largest.v2.samples[i]).toFixed(2)).join(', ')}); ` +
      `ratio of the medians ${ratio(largest.v1.median, largest.v2.median)}`,
  ]);
}
targets.push([
  'bctd --version ≤ 1.5× node -e 0',
  x(rows.version.median, rows.node.median) <= 1.5,
  ratio(rows.version.median, rows.node.median),
]);
targets.push([
  'bctd --help ≤ 1.5× node -e 0',
  x(rows.help.median, rows.node.median) <= 1.5,
  ratio(rows.help.median, rows.node.median),
]);
if (rows.one)
  targets.push([
    'validate of one file ≤ 2.5× node -e 0',
    x(rows.one.median, rows.node.median) <= 2.5,
    ratio(rows.one.median, rows.node.median),
  ]);
const p50 = per[50];
if (p50)
  targets.push([
    'generate of the 50-unit district < 1.5 s wall',
    p50.gen.median < 1500,
    fmtMs(p50.gen.median),
  ]);
lines.push('| Target | Result | Measured |', '|---|---|---|');
for (const [what, ok, got] of targets) lines.push(`| ${what} | ${mark(ok)} | ${got} |`);

const block = lines.join('\n');
process.stdout.write(`${block}\n`);
if (WRITE) {
  const START = '<!-- bench:start -->';
  const END = '<!-- bench:end -->';
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) doc += `\n${START}\n${END}\n`;
  const i = doc.indexOf(START);
  const j = doc.indexOf(END);
  doc = `${doc.slice(0, i + START.length)}\n${block}\n${doc.slice(j)}`;
  mkdirSync(path.dirname(DOC), { recursive: true });
  writeFileSync(DOC, doc);
  log(`Đã ghi ${path.relative(root, DOC)}`);
}
