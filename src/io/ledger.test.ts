import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readYamlFast } from '../workspace/yaml.js';
import { ledgerPath, readLedger, writeLedger, type Ledger } from './ledger.js';

const ledger: Ledger = {
  period: '2022-6m',
  entries: [
    {
      unit: '15664',
      file: 'cu/15664-1.xlsx',
      received_at: '2022-06-18T09:12:00+07:00',
      sha256: 'a'.repeat(64),
      original: 'Báo cáo BĐG: Thị trấn #1 & "bản cũ".xlsx',
      superseded_at: '2022-06-19T10:00:00+07:00',
    },
    {
      unit: '0123',
      file: '0123.xlsx',
      received_at: '2022-06-19T10:00:00+07:00',
      sha256: 'b'.repeat(64),
      original: "nhap: 'x' #2.xlsx",
    },
  ],
};

describe('the receipt ledger', () => {
  it('reads back what it wrote, through the fast reader', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bctd-ledger-'));
    writeLedger(dir, ledger);
    expect(readLedger(dir, '2022-6m')).toEqual(ledger);
    expect(readYamlFast(readFileSync(ledgerPath(dir), 'utf8')).ok).toBe(true);
  });

  it('reads back a name the fast reader leaves to the yaml library', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bctd-ledger-'));
    const odd: Ledger = {
      period: '2022-6m',
      entries: [{ ...ledger.entries[1]!, original: '*&nhap*.xlsx' }],
    };
    writeLedger(dir, odd);
    expect(readYamlFast(readFileSync(ledgerPath(dir), 'utf8')).ok).toBe(false);
    expect(readLedger(dir, '2022-6m')).toEqual(odd);
  });

  it('says which file is broken, with the line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bctd-ledger-'));
    writeFileSync(ledgerPath(dir), 'period: 2022-6m\nentries:\n  - unit: "1\n');
    expect(() => readLedger(dir, '2022-6m')).toThrow(
      /^Không đọc được sổ nhận ".*nhan\.yaml" \(dòng \d\): Lỗi cú pháp YAML: /,
    );
    expect(() => readLedger(dir, '2022-6m')).not.toThrow(/quote|line|column/);
  });
});
