import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { run as receive } from '../src/cli/commands/receive.js';
import { run as status } from '../src/cli/commands/status.js';
import {
  ctxAt,
  DATA_2022,
  makeWorkspace,
  saveDownload,
  unitWorkbook,
  type UnitCode,
} from './generate-fixture.js';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const common = { format: 'text' as const };

describe('bctd receive', () => {
  it('files each workbook by unit code, records time and sha256, supersedes to cu/ and never changes the input', async () => {
    const ws = makeWorkspace();
    const a = saveDownload(
      ws,
      'bao cao thi tran (1).xlsx',
      await unitWorkbook('15664', '2022-6m', { values: DATA_2022['15664'] }),
    );
    const before = sha(a);
    const r1 = await receive(
      [a],
      { ...common, period: '6m', year: 2022 },
      ctxAt(ws, '2022-06-18T09:12:00+07:00'),
    );
    expect(r1.text).toContain('đã nhận');
    expect(r1.exitCode).toBe(0);
    const dir = path.join(ws, 'nop', '2022-6m');
    expect(existsSync(path.join(dir, '15664.xlsx'))).toBe(true);
    expect(sha(path.join(dir, '15664.xlsx'))).toBe(before);
    expect(sha(a)).toBe(before);
    const ledger = YAML.parse(readFileSync(path.join(dir, 'nhan.yaml'), 'utf8')) as {
      entries: {
        unit: string;
        file: string;
        sha256: string;
        received_at: string;
        original: string;
      }[];
    };
    expect(ledger.entries).toHaveLength(1);
    expect(ledger.entries[0]).toMatchObject({
      unit: '15664',
      file: '15664.xlsx',
      sha256: before,
      original: 'bao cao thi tran (1).xlsx',
    });
    expect(new Date(ledger.entries[0]!.received_at).getTime()).toBe(
      new Date('2022-06-18T09:12:00+07:00').getTime(),
    );

    // A corrected file from the same unit: the earlier one moves to cu/, nothing is deleted.
    const fixed = { ...DATA_2022['15664'], CB: { tong: 26, nu: 9 } };
    const b = saveDownload(
      ws,
      'ban sua.xlsx',
      await unitWorkbook('15664', '2022-6m', { values: fixed }),
    );
    const r2 = await receive([b], { ...common }, ctxAt(ws, '2022-06-19T10:00:00+07:00'));
    expect(r2.exitCode).toBe(0);
    expect(r2.text).toContain('thay thế');
    const cu = readdirSync(path.join(dir, 'cu'));
    expect(cu).toHaveLength(1);
    expect(sha(path.join(dir, 'cu', cu[0]!))).toBe(before);
    expect(sha(path.join(dir, '15664.xlsx'))).toBe(sha(b));
    const ledger2 = YAML.parse(readFileSync(path.join(dir, 'nhan.yaml'), 'utf8')) as {
      entries: { unit: string; file: string; superseded_at?: string }[];
    };
    expect(ledger2.entries).toHaveLength(2);
    expect(ledger2.entries[0]!.file).toBe(`cu/${cu[0]}`);
    expect(ledger2.entries[0]!.superseded_at).toBeDefined();
    expect(ledger2.entries[1]!.superseded_at).toBeUndefined();

    // The same bytes again change nothing.
    const r3 = await receive([b], { ...common }, ctxAt(ws, '2022-06-20T10:00:00+07:00'));
    expect(r3.text).toContain('đã có');
    expect(readdirSync(path.join(dir, 'cu'))).toHaveLength(1);
  });

  it('refuses a file whose unit cannot be identified, with exit 1, and files nothing', async () => {
    const ws = makeWorkspace();
    const junk = saveDownload(ws, 'khong-phai-bao-cao.xlsx', new TextEncoder().encode('xin chào'));
    const r = await receive(
      [junk],
      { ...common, period: '6m', year: 2022 },
      ctxAt(ws, '2022-06-18T09:00:00+07:00'),
    );
    expect(r.exitCode).toBe(1);
    expect(r.text).toContain('từ chối');
    expect(existsSync(path.join(ws, 'nop', '2022-6m', 'nhan.yaml'))).toBe(false);
  });
});

describe('bctd status', () => {
  it('lists every expected unit with its state and the totals (late from the ledger)', async () => {
    const ws = makeWorkspace();
    const files: string[] = [];
    for (const code of ['15664', '15667'] as UnitCode[])
      files.push(
        saveDownload(
          ws,
          `${code}.xlsx`,
          await unitWorkbook(code, '2022-6m', { values: DATA_2022[code] }),
        ),
      );
    await receive(
      files,
      { ...common, period: '6m', year: 2022 },
      ctxAt(ws, '2022-06-18T09:00:00+07:00'),
    );
    // Received after the deadline (20/6) though prepared on time: late by the ledger.
    const late = saveDownload(
      ws,
      'ttyt.xlsx',
      await unitWorkbook('TTYT', '2022-6m', { values: DATA_2022.TTYT, preparedOn: '10/06/2022' }),
    );
    await receive(
      [late],
      { ...common, period: '6m', year: 2022 },
      ctxAt(ws, '2022-06-25T09:00:00+07:00'),
    );
    const r = await status(
      [],
      { format: 'json', period: '6m', year: 2022 },
      ctxAt(ws, '2022-07-01T09:00:00+07:00'),
    );
    expect(r.exitCode).toBe(0);
    const units = r.json.units as { code: string; status: string }[];
    expect(Object.fromEntries(units.map((u) => [u.code, u.status]))).toEqual({
      '15664': 'hop-le',
      '15667': 'hop-le',
      '15670': 'chua-nop',
      TTYT: 'nop-muon',
    });
    expect(r.json.totals).toMatchObject({
      expected: 4,
      received: 3,
      valid: 3,
      late: 1,
      missing: 1,
    });
    const t = await status(
      [],
      { format: 'text', period: '6m', year: 2022 },
      ctxAt(ws, '2022-07-01T09:00:00+07:00'),
    );
    expect(t.text).toContain('Xã Thọ Bình: chưa nộp');
    expect(t.text).toContain('Trung tâm Y tế huyện: nộp muộn');
    expect(t.text).toContain('4 đơn vị phải nộp: 3 đã nộp, 3 hợp lệ, 1 nộp muộn');
  });
});
