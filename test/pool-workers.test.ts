import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  createValidatorPool,
  FILES_PER_WORKER,
  mapOrdered,
  workersFor,
  type ValidatorPool,
} from '../src/app/pool.js';
import type { ValidateContext } from '../src/app/validate.js';
import { makePeriod } from '../src/period/periods.js';
import type { Submission } from '../src/validate/submission.js';
import { bctd, ROOT, tempDir } from './helpers/cli.js';

/**
 * A stand-in worker speaking the pool's protocol, so that the pool's own behaviour (order, time
 * limit, replacement, failures) is tested apart from the engine: a file named `hang*` spins
 * forever, `boom*` makes the "engine" throw, and the others answer after a delay taken from
 * their first byte (so later files often finish first).
 */
const FAKE_WORKER = `
import { parentPort } from 'node:worker_threads';
const contexts = new Map();
parentPort.on('message', (m) => {
  if (m.type === 'context') { contexts.set(m.id, m.ctx); return; }
  const name = m.file;
  if (name.startsWith('hang')) for (;;) {}
  if (name.startsWith('boom')) {
    parentPort.postMessage({ type: 'failed', seq: m.seq, message: 'engine bug in ' + name });
    return;
  }
  setTimeout(() => {
    parentPort.postMessage({ type: 'done', seq: m.seq, sub: {
      file: name, unit: null, period: contexts.get(m.ctxId).period.id, outline: null,
      preparedOn: null, values: { first: { value: m.bytes[0] }, size: { value: m.bytes.length } },
      texts: {}, narrativesFilled: [], issues: [], valid: true,
    } });
  }, m.bytes[0] * 5);
});
`;

/**
 * A stand-in that, like bctd's worker, checks one file after the other: `slow*` keeps it busy
 * for SLOW_MS, `hang*` forever. With QUEUE_DEPTH files posted at once, this tells when a
 * file's time limit starts.
 */
const SLOW_MS = 600;
const SEQUENTIAL_WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (m) => {
  if (m.type === 'context') return;
  if (m.file.startsWith('hang')) for (;;) {}
  if (m.file.startsWith('slow')) { const end = Date.now() + ${SLOW_MS}; while (Date.now() < end) {} }
  parentPort.postMessage({ type: 'done', seq: m.seq, sub: {
    file: m.file, unit: null, period: null, outline: null, preparedOn: null,
    values: { size: { value: m.bytes.length } }, texts: {}, narrativesFilled: [], issues: [],
    valid: true,
  } });
});
`;

let dir: string;
let workerUrl: URL;
let sequentialUrl: URL;
const ctx: ValidateContext = {
  outlines: () => undefined,
  period: makePeriod('6m', 2022),
};

beforeAll(() => {
  dir = tempDir('bctd-pool-');
  const file = path.join(dir, 'fake-worker.mjs');
  writeFileSync(file, FAKE_WORKER);
  workerUrl = pathToFileURL(file);
  const seq = path.join(dir, 'sequential-worker.mjs');
  writeFileSync(seq, SEQUENTIAL_WORKER);
  sequentialUrl = pathToFileURL(seq);
});

/** Validates `names` through a pool, as validatePaths does: bytes made per file, in order. */
async function runBatch(pool: ValidatorPool, names: string[]): Promise<Submission[]> {
  const out: Submission[] = [];
  await mapOrdered(
    names,
    4,
    (name, i) => pool.validate(new Uint8Array([(names.length - i) % 7, i]), name, ctx),
    (sub) => out.push(sub),
  );
  return out;
}

describe('worker pool', () => {
  test('results come back in input order whatever order the workers finish in', async () => {
    const pool = createValidatorPool({ jobs: 3, workerUrl });
    try {
      const names = Array.from({ length: 30 }, (_, i) => `f${i}.xlsx`);
      const subs = await runBatch(pool, names);
      expect(subs.map((s) => s.file)).toEqual(names);
      // Each result is the one for its own bytes, and the context reached the workers.
      subs.forEach((s, i) => {
        expect(s.values['size']?.['value']).toBe(2);
        expect(s.values['first']?.['value']).toBe((names.length - i) % 7);
        expect(s.period).toBe('2022-6m');
      });
    } finally {
      await pool.close();
    }
  });

  test('a file that never finishes gets file-timeout and the rest of the batch is still checked', async () => {
    const pool = createValidatorPool({ jobs: 2, workerUrl, secondsPerFile: 0.5 });
    try {
      const names = ['a.xlsx', 'hang-1.xlsx', 'b.xlsx', 'hang-2.xlsx', 'c.xlsx', 'd.xlsx'];
      const subs = await runBatch(pool, names);
      expect(subs.map((s) => s.file)).toEqual(names);
      const codes = subs.map((s) => s.issues.map((i) => i.code));
      expect(codes).toEqual([[], ['file-timeout'], [], ['file-timeout'], [], []]);
      const timeout = subs[1] as Submission;
      expect(timeout.valid).toBe(false);
      expect(timeout.issues[0]).toMatchObject({ severity: 'error', file: 'hang-1.xlsx' });
      // The message names the limit and the fix names the bctd.yaml key that raises it.
      expect(timeout.issues[0]?.message).toContain('0.5 giây');
      expect(timeout.issues[0]?.fix).toContain('seconds_per_file');
      expect(subs.filter((s) => s.valid).map((s) => s.file)).toEqual([
        'a.xlsx',
        'b.xlsx',
        'c.xlsx',
        'd.xlsx',
      ]);
    } finally {
      await pool.close();
    }
  });

  test('a file queued behind one that never finishes is checked by another worker', async () => {
    const pool = createValidatorPool({ jobs: 1, workerUrl: sequentialUrl, secondsPerFile: 0.5 });
    try {
      const names = ['hang.xlsx', 'a.xlsx', 'b.xlsx', 'hang-2.xlsx', 'c.xlsx'];
      const subs = await runBatch(pool, names);
      expect(subs.map((s) => s.file)).toEqual(names);
      expect(subs.map((s) => s.issues.map((i) => i.code))).toEqual([
        ['file-timeout'],
        [],
        [],
        ['file-timeout'],
        [],
      ]);
      // Its bytes went with it to the new worker.
      expect(subs.map((s) => s.values['size']?.['value'] ?? null)).toEqual([null, 2, 2, null, 2]);
    } finally {
      await pool.close();
    }
  });

  test("a file's time limit starts when its worker starts it, not while it waits in line", async () => {
    // Each file takes SLOW_MS, under the limit; the second of a worker's two files is done
    // 2 × SLOW_MS after both were posted, over it.
    const seconds = (SLOW_MS * 1.5) / 1000;
    const pool = createValidatorPool({
      jobs: 1,
      workerUrl: sequentialUrl,
      secondsPerFile: seconds,
    });
    try {
      const names = ['slow-1.xlsx', 'slow-2.xlsx', 'slow-3.xlsx'];
      const subs = await runBatch(pool, names);
      expect(subs.map((s) => s.issues.map((i) => i.code))).toEqual([[], [], []]);
    } finally {
      await pool.close();
    }
  });

  test('an engine error is not swallowed', async () => {
    const pool = createValidatorPool({ jobs: 2, workerUrl });
    try {
      await expect(runBatch(pool, ['a.xlsx', 'boom.xlsx', 'b.xlsx'])).rejects.toThrow(
        'engine bug in boom.xlsx',
      );
    } finally {
      await pool.close();
    }
  });

  test('mapOrdered never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await mapOrdered(
      Array.from({ length: 25 }, (_, i) => i),
      3,
      async (n) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, (n * 7) % 5));
        inFlight--;
        return n * 2;
      },
      (r) => seen.push(r),
    );
    expect(most).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i * 2));
  });

  test('--jobs: in process for small batches, a worker per FILES_PER_WORKER up to the cores', () => {
    const cores = availableParallelism();
    expect(workersFor(undefined, 5)).toBe(0); // in process
    expect(workersFor(undefined, 20)).toBe(1); // one worker: the time limit holds
    expect(workersFor(undefined, FILES_PER_WORKER)).toBe(1);
    expect(workersFor(undefined, 2 * FILES_PER_WORKER - 1)).toBe(1);
    expect(workersFor(undefined, 2 * FILES_PER_WORKER)).toBe(Math.min(cores, 2));
    expect(workersFor(undefined, 10_000)).toBe(
      Math.min(cores, Math.floor(10_000 / FILES_PER_WORKER)),
    );
    // --jobs N is N workers whatever the batch: every file keeps its time limit and a
    // bounded heap. In process is the library's jobs: 0 (the command line refuses 0).
    expect(workersFor(1, 10_000)).toBe(1);
    expect(workersFor(1, 3)).toBe(1);
    expect(workersFor(3, 5)).toBe(3);
    expect(workersFor(0, 100)).toBe(0);
  });
});

describe('the real worker (built dist/)', () => {
  let batch: string;
  beforeAll(() => {
    batch = tempDir('bctd-pool-batch-');
    const src = path.join(ROOT, 'fixtures', 'demo', 'nop', '2022-6m');
    const names = readdirSync(src)
      .filter((n) => n.endsWith('.xlsx'))
      .sort();
    for (const n of names.slice(0, 22)) copyFileSync(path.join(src, n), path.join(batch, n));
    // Broken files too, so the issues (not only the numbers) are compared.
    writeFileSync(path.join(batch, 'zz-not-a-workbook.xlsx'), 'xin chào');
    writeFileSync(path.join(batch, 'zz-empty.xlsx'), '');
  });

  test('--jobs 1, --jobs 2 and the default give the same JSON', () => {
    const one = bctd(['validate', batch, '--jobs', '1', '--format', 'json']);
    const two = bctd(['validate', batch, '--jobs', '2', '--format', 'json']);
    const auto = bctd(['validate', batch, '--format', 'json']);
    expect(one.code).toBe(1); // the broken files
    expect(two.code).toBe(one.code);
    const files = one.json()['files'] as Array<{ path: string; valid: boolean }>;
    expect(files).toHaveLength(24);
    expect(files.filter((f) => f.valid).length).toBeGreaterThan(10);
    expect(two.stdout).toBe(one.stdout);
    expect(auto.stdout).toBe(one.stdout);
  });

  test('the pool under the app layer matches the in-process validator', async () => {
    const { validatePaths } = await import('../src/app/validate.js');
    const req = { paths: [batch], cwd: ROOT, now: new Date(2022, 6, 1), outline: 'bdg' };
    const a = await validatePaths({ ...req, jobs: 0 });
    const b = await validatePaths({ ...req, jobs: 2 });
    expect(a.files.some((f) => f.valid)).toBe(true);
    expect(b.files).toEqual(a.files);
  });

  test('a worker reads a path only if it is a plain file within the size limit', async () => {
    const nop = path.join(ROOT, 'fixtures', 'demo', 'nop', '2022-6m');
    const name = readdirSync(nop).find((n) => n.endsWith('.xlsx')) as string;
    const file = path.join(nop, name);
    const bytes = readFileSync(file);
    const pool = createValidatorPool({ jobs: 1 });
    try {
      // Sent back unread: the caller reads it itself and reports the problem as in process.
      expect(await pool.validatePath(file, name, ctx, bytes.length - 1)).toBeUndefined();
      expect(await pool.validatePath(nop, 'nop', ctx, 1e9)).toBeUndefined();
      expect(
        await pool.validatePath(path.join(nop, 'khong-co.xlsx'), 'x', ctx, 1e9),
      ).toBeUndefined();
      const r = await pool.validatePath(file, name, ctx, bytes.length);
      expect(r?.sub.file).toBe(name);
      expect(r?.sub.unit?.code).toBeTruthy();
      expect(r?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    } finally {
      await pool.close();
    }
  });

  describe('in a workspace, where the workers read the files themselves', () => {
    let ws: string;
    const setLimits = (limits: string): void => {
      const file = path.join(ws, 'bctd.yaml');
      const text = readFileSync(file, 'utf8').replace(/^limits:\n(?: {2}.*\n?)*/m, '');
      writeFileSync(file, `${text.trimEnd()}\n${limits}`);
    };
    const run = async (jobs: number) => {
      const { validatePaths } = await import('../src/app/validate.js');
      const req = { paths: ['nop/2022-6m'], cwd: ws, now: new Date(2022, 6, 1) };
      return validatePaths({ ...req, jobs });
    };
    beforeAll(() => {
      ws = tempDir('bctd-pool-ws-');
      cpSync(path.join(ROOT, 'fixtures', 'demo'), ws, { recursive: true });
      const nop = path.join(ws, 'nop', '2022-6m');
      // Over the size limit set below: refused before any worker sees it.
      writeFileSync(path.join(nop, 'zz-big.xlsx'), new Uint8Array(300 * 1024));
      writeFileSync(path.join(nop, 'zz-not-a-workbook.xlsx'), 'xin chào');
      // A folder whose name looks like a workbook is scanned, not read.
      mkdirSync(path.join(nop, 'zz-folder.xlsx'));
    });

    test('the same Submissions, hashes and problems as in process', async () => {
      setLimits('limits:\n  max_file_mb: 0.1\n');
      const a = await run(0); // in process
      const b = await run(2);
      expect(a.files.length).toBeGreaterThan(40);
      expect(a.files.filter((f) => f.valid).length).toBeGreaterThan(20);
      const big = a.files.find((f) => f.file.endsWith('zz-big.xlsx'));
      expect(big?.issues.map((i) => i.code)).toEqual(['file-too-large']);
      expect(big?.sha256).toBeUndefined();
      expect(a.files.every((f) => f.file.endsWith('zz-big.xlsx') || f.sha256 !== undefined)).toBe(
        true,
      );
      expect(b.files).toEqual(a.files);
    });

    test('a file stopped by its time limit still has the hash of its bytes', async () => {
      setLimits('limits:\n  seconds_per_file: 0.001\n');
      const a = await run(0); // in process: no time limit, every file hashed before its check
      const b = await run(2);
      const timedOut = b.files.filter((f) => f.issues.some((i) => i.code === 'file-timeout'));
      expect(timedOut.length).toBeGreaterThan(0);
      for (const f of timedOut) {
        const sha = createHash('sha256')
          .update(readFileSync(path.join(ws, f.file)))
          .digest('hex');
        expect(f.sha256).toBe(sha);
        expect(a.files.find((g) => g.file === f.file)?.sha256).toBe(sha);
      }
    });
  });
});
