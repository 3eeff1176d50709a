import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BctdError } from '../issues/errors.js';

/**
 * LibreOffice and poppler at the edge: `lint --render` converts a DOCX to PDF to see the
 * laid-out pages, and `generate --pdf` writes a PDF beside the report. Every conversion
 * works on a copy in its own temporary folder with its own LibreOffice profile (two
 * conversions sharing a profile block each other) and is killed after a timeout.
 */

type Env = Readonly<Record<string, string | undefined>>;

function onPath(env: Env, names: readonly string[]): string | undefined {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const d of dirs) {
    for (const n of names) {
      const p = path.join(d, n);
      try {
        accessSync(p, constants.X_OK);
        return p;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** `BCTD_SOFFICE` if set, else `soffice`/`libreoffice` on PATH, else the usual install places. */
export function findSoffice(env: Env): string | undefined {
  const forced = env.BCTD_SOFFICE;
  if (forced) return existsSync(forced) ? forced : undefined;
  const found = onPath(env, ['soffice', 'libreoffice']);
  if (found) return found;
  for (const p of [
    '/usr/lib/libreoffice/program/soffice',
    '/opt/libreoffice/program/soffice',
    '/Applications/LibreOffice.app/Contents/MacOS/soffice',
    'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
  ]) {
    if (existsSync(p)) return p;
  }
  return undefined;
}

export function findPdftotext(env: Env): string | undefined {
  return onPath(env, ['pdftotext']);
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a program with a hard timeout; the whole process group is killed on timeout. */
export function runWithTimeout(
  cmd: string,
  args: readonly string[],
  opts: { timeoutMs: number; env?: Env; cwd?: string },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env as NodeJS.ProcessEnv | undefined,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined && process.platform !== 'win32')
          process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
      });
    });
  });
}

export interface ConvertOptions {
  env: Env;
  /** Path of soffice; found with `findSoffice(env)` when omitted. */
  soffice?: string;
  /** Default 180 s: a cold LibreOffice start on a slow office PC takes a while. */
  timeoutMs?: number;
}

/**
 * Converts `input` to `format` (e.g. `pdf`) into `outDir` and returns the output path.
 * The input file is copied first and never opened in place, so no lock file appears beside
 * it. Throws BctdError `office-missing` without LibreOffice, `internal` when the conversion
 * fails or times out.
 */
export async function convertWithOffice(
  input: string,
  format: string,
  outDir: string,
  opts: ConvertOptions,
): Promise<string> {
  const soffice = opts.soffice ?? findSoffice(opts.env);
  if (!soffice) {
    throw new BctdError('office-missing', 'Không tìm thấy LibreOffice (soffice).', {
      hint: 'Cài LibreOffice (ví dụ: sudo apt install libreoffice-writer) hoặc đặt biến BCTD_SOFFICE trỏ tới soffice.',
    });
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'bctd-office-'));
  try {
    const profile = path.join(work, 'profile');
    const src = path.join(work, 'in', path.basename(input));
    const tmpOut = path.join(work, 'out');
    mkdirp(path.dirname(src));
    mkdirp(tmpOut);
    copyFileSync(input, src);
    const timeoutMs = opts.timeoutMs ?? 180_000;
    const r = await runWithTimeout(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--invisible',
        '--norestore',
        '--nolockcheck',
        '--nodefault',
        '--convert-to',
        format,
        '--outdir',
        tmpOut,
        src,
      ],
      { timeoutMs, env: { ...opts.env, HOME: opts.env.HOME ?? work } },
    );
    const produced = path.join(
      tmpOut,
      path.basename(src).replace(/\.[^.]+$/, '') + '.' + format.split(':')[0],
    );
    if (r.timedOut) {
      throw new BctdError(
        'office-failed',
        `LibreOffice không chuyển xong "${path.basename(input)}" sau ${Math.round(timeoutMs / 1000)} giây.`,
        {
          hint: 'Đóng các cửa sổ LibreOffice đang mở rồi thử lại.',
        },
      );
    }
    if (r.code !== 0 || !existsSync(produced)) {
      throw new BctdError(
        'office-failed',
        `LibreOffice không chuyển được "${path.basename(input)}" sang ${format}.`,
        {
          hint: 'Mở thử tệp bằng LibreOffice để xem tệp có hỏng không.',
          details: [r.stderr.trim() || r.stdout.trim()].filter(Boolean),
        },
      );
    }
    mkdirp(outDir);
    const dest = path.join(outDir, path.basename(produced));
    copyFileSync(produced, dest);
    return dest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function mkdirp(dir: string): void {
  mkdirSync(dir, { recursive: true });
}
/** Text of each page of a PDF with `pdftotext -layout` (pages are separated by form feeds). */
export async function pdfPages(pdf: string, env: Env, timeoutMs = 60_000): Promise<string[]> {
  const bin = findPdftotext(env);
  if (!bin) {
    throw new BctdError('office-missing', 'Không tìm thấy pdftotext (poppler-utils).', {
      hint: 'Cài poppler-utils (ví dụ: sudo apt install poppler-utils).',
    });
  }
  const r = await runWithTimeout(bin, ['-layout', '-enc', 'UTF-8', pdf, '-'], { timeoutMs, env });
  if (r.code !== 0) {
    throw new BctdError('office-failed', `pdftotext không đọc được bản PDF (${r.stderr.trim()}).`);
  }
  const pages = r.stdout.split('\f');
  if (pages.length > 1 && pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}
