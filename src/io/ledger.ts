/**
 * The receipt ledger of a period (`nop/<year>-<period>/nhan.yaml`, issue 5 "Receiving"): when
 * each unit's file arrived and its sha256. Timeliness is judged from it, never from a file's
 * modification time, which copying by email, chat or USB changes at will.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BctdError } from '../issues/errors.js';
import type { YMD } from '../period/periods.js';
import { yamlSyntaxMessage } from '../outline/yaml-messages.js';
import { readYamlValue, yaml } from '../workspace/yaml.js';
import { writeTextAtomic } from './write.js';

export const LEDGER_FILE = 'nhan.yaml';
/** Superseded files go here, inside the period folder (never deleted). */
export const SUPERSEDED_DIR = 'cu';

export interface LedgerEntry {
  unit: string;
  /** File name inside the period folder (`15664.xlsx`), or `cu/...` once superseded. */
  file: string;
  /** ISO 8601 with the local offset: `2022-06-18T09:12:00+07:00`. */
  received_at: string;
  sha256: string;
  /** The name the file had when it was received. */
  original: string;
  /** Set when a later file of the same unit replaced this one. */
  superseded_at?: string;
}

export interface Ledger {
  period: string;
  entries: LedgerEntry[];
}

export function ledgerPath(periodDir: string): string {
  return path.join(periodDir, LEDGER_FILE);
}

export function readLedger(periodDir: string, periodId: string): Ledger {
  const file = ledgerPath(periodDir);
  if (!existsSync(file)) return { period: periodId, entries: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    // EISDIR, EACCES, a file locked by another program on Windows: the system's reason.
    throw new BctdError(
      'read-failed',
      `Không đọc được sổ nhận "${file}": ${(e as Error).message}`,
      {
        hint: 'Kiểm tra tệp sổ nhận (quyền đọc, tệp đang mở trong chương trình khác) rồi chạy lại.',
      },
    );
  }
  let doc: unknown;
  try {
    doc = readYamlValue(text);
  } catch (e) {
    // The yaml library's parse error is English and multi-line; the clerk gets the line and a
    // Vietnamese cause. Anything else (too many aliases) keeps its own words.
    const err = e as { code?: string; linePos?: [{ line: number }]; message?: string };
    const parse = err.linePos !== undefined && typeof err.code === 'string';
    const where = parse && err.linePos?.[0] ? ` (dòng ${err.linePos[0].line})` : '';
    const why = parse ? yamlSyntaxMessage(err.code!) : String(err.message ?? e);
    throw new BctdError('read-failed', `Không đọc được sổ nhận "${file}"${where}: ${why}`, {
      hint: 'Sửa lỗi cú pháp YAML trong sổ nhận (hoặc khôi phục từ bản sao) rồi chạy lại.',
    });
  }
  const entries: LedgerEntry[] = [];
  const list = (doc as { entries?: unknown } | null)?.entries;
  if (Array.isArray(list)) {
    for (const e of list as Record<string, unknown>[]) {
      if (e === null || typeof e !== 'object') continue;
      const unit = e.unit;
      const f = e.file;
      const at = e.received_at;
      const sha = e.sha256;
      if (
        (typeof unit !== 'string' && typeof unit !== 'number') ||
        typeof f !== 'string' ||
        typeof at !== 'string' ||
        typeof sha !== 'string'
      )
        continue;
      const entry: LedgerEntry = {
        unit: String(unit),
        file: f,
        received_at: at,
        sha256: sha,
        original: typeof e.original === 'string' ? e.original : f,
      };
      if (typeof e.superseded_at === 'string') entry.superseded_at = e.superseded_at;
      entries.push(entry);
    }
  }
  return { period: periodId, entries };
}

export function writeLedger(periodDir: string, ledger: Ledger): void {
  const header =
    '# Sổ nhận báo cáo của các đơn vị (bctd receive ghi tự động; không sửa tay nếu không cần).\n' +
    '# received_at: thời điểm nhận; sha256: dấu vân tay của tệp; file: tên tệp trong thư mục kỳ.\n';
  const body = yaml().stringify(
    { period: ledger.period, entries: ledger.entries },
    { lineWidth: 0 },
  );
  writeTextAtomic(ledgerPath(periodDir), header + body, { force: true });
}

/** The unit's file in force: its latest entry not superseded. */
export function currentEntry(ledger: Ledger, unit: string): LedgerEntry | undefined {
  const list = ledger.entries.filter((e) => e.unit === unit && e.superseded_at === undefined);
  return list[list.length - 1];
}

/** Local ISO time with offset, e.g. `2022-06-18T09:12:00+07:00` (the clerk's calendar day first). */
export function localIso(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const p = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}` +
    `T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}` +
    `${sign}${p(off / 60)}:${p(off % 60)}`
  );
}

/** The calendar day of a `received_at` (as written, in the clerk's offset). */
export function receivedDay(iso: string): YMD | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

/** `20220618T091200` for names of superseded files. */
export function stampForName(d: Date): string {
  return localIso(d).slice(0, 19).replace(/[-:]/g, '');
}
