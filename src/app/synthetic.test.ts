import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLedger } from '../io/ledger.js';
import { makePeriod } from '../period/periods.js';
import { validateWorkbook } from '../validate/engine.js';
import { readWorkbook } from '../workbook/read.js';
import { parseUnits } from '../workspace/config.js';
import { builtinOutline } from './outline.js';
import { packageRoot } from './paths.js';
import { synthesizeSubmission, synthesizeWorkspace, type Mistake } from './synthetic.js';

const outline = builtinOutline('bdg');
if (outline === undefined) throw new Error('bdg outline missing');
const p6m = makePeriod('6m', 2022);
const pYear = makePeriod('year', 2022);
const presetDir = path.join(packageRoot(), 'presets', 'trieu-son-2022');
const presetUnitsFile = path.join(presetDir, 'units.yaml');
const parsed = parseUnits(readFileSync(presetUnitsFile, 'utf8'), presetUnitsFile);
if (!parsed.ok) throw new Error('preset units invalid');
const units = parsed.units;
const commune = units.find((u) => u.code === '15667') as (typeof units)[number];

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const validate = (bytes: Uint8Array, period = p6m) =>
  validateWorkbook({ bytes, file: 'x.xlsx', outlines: () => outline, outline, units, period });

describe('synthesizeSubmission', () => {
  it('gives the same bytes for the same seed and different bytes for another', async () => {
    const a = await synthesizeSubmission({ outline, unit: commune, period: p6m, seed: 7 });
    const b = await synthesizeSubmission({ outline, unit: commune, period: p6m, seed: 7 });
    const c = await synthesizeSubmission({ outline, unit: commune, period: p6m, seed: 8 });
    expect(sha(a)).toBe(sha(b));
    expect(sha(c)).not.toBe(sha(a));
  });

  it('one unit of every kind in the preset validates without any finding, in both periods', async () => {
    const seen = new Set<string>();
    for (const unit of units) {
      if (seen.has(unit.kind)) continue;
      seen.add(unit.kind);
      for (const period of [p6m, pYear]) {
        const sub = validate(
          await synthesizeSubmission({ outline, unit, period, seed: 1 }),
          period,
        );
        expect(sub.issues.map((i) => `${unit.code} ${period.id} ${i.code}: ${i.message}`)).toEqual(
          [],
        );
        expect(sub.valid).toBe(true);
        expect(sub.unit?.code).toBe(unit.code);
        expect(sub.period).toBe(period.id);
      }
    }
  });

  it('keeps communes plausible for a district of about 200,000 people', async () => {
    const communes = units.filter((u) => u.kind === 'xa' || u.kind === 'thi_tran');
    let pop = 0;
    let boys = 0;
    let girls = 0;
    for (const unit of communes) {
      const sub = validate(
        await synthesizeSubmission({ outline, unit, period: pYear, seed: 3 }),
        pYear,
      );
      const v = sub.values;
      pop += v.DAN_SO?.tong ?? 0;
      boys += v.SINH_SONG?.nam ?? 0;
      girls += v.SINH_SONG?.nu ?? 0;
      expect(v.VU_BLGD?.value ?? -1).toBeGreaterThanOrEqual(0);
      expect(v.VU_BLGD?.value ?? 99).toBeLessThan(12);
      expect(v.DS_TIEP_CAN_BDG?.tong ?? 0).toBeLessThanOrEqual(v.DAN_SO?.tong ?? 0);
    }
    expect(pop).toBeGreaterThan(170_000);
    expect(pop).toBeLessThan(240_000);
    // About 14 births per 1,000 a year, about 112 boys per 100 girls.
    expect((boys + girls) / pop).toBeGreaterThan(0.011);
    expect((boys + girls) / pop).toBeLessThan(0.017);
    expect((boys / girls) * 100).toBeGreaterThan(100);
    expect((boys / girls) * 100).toBeLessThan(125);
  });

  it('fills Thông tin and about ten narrative cells of 1-3 KB in NFC Vietnamese', async () => {
    const bytes = await synthesizeSubmission({ outline, unit: commune, period: p6m, seed: 1 });
    const r = readWorkbook(bytes);
    if (!r.ok) throw new Error(r.detail);
    const info = r.workbook.sheet('Thông tin');
    if (!info.ok) throw new Error(info.detail);
    expect(info.cells.get('B7')?.text).toMatch(/^\p{Lu}\p{Ll}+ /u);
    expect(info.cells.get('B8')?.text).toMatch(/^0\d{3} ?\d{3,4} ?\d{3}$/);
    expect(info.cells.get('B9')?.type).toBe('number');
    const text = r.workbook.sheet('Nội dung');
    if (!text.ok) throw new Error(text.detail);
    const sizes = [...text.cells]
      .filter(([a]) => /^C\d+$/.test(a) && Number(a.slice(1)) >= 4)
      .map(([, c]) => {
        expect(c.text).toBe(c.text.normalize('NFC'));
        return Buffer.byteLength(c.text);
      });
    const long = sizes.filter((n) => n >= 1000 && n <= 3000);
    expect(long.length).toBeGreaterThanOrEqual(8);
    expect(long.length).toBeLessThanOrEqual(10);
    expect(sub(text.cells.get('C5')?.text)).toContain('xã Thọ Sơn');
  });

  const EXPECTED: Array<[Mistake, string | null, boolean]> = [
    ['text-number', 'value-ambiguous', true],
    ['nu-gt-tong', 'rule-failed', false],
    ['negative', 'value-negative', false],
    ['decimal-count', 'value-not-integer', false],
    ['blank-required', 'value-blank', false],
    ['tcvn3-text', 'text-legacy-converted', true],
    ['placeholder-dash', null, true],
    ['wrong-period', 'period-mismatch', false],
  ];
  it.each(EXPECTED)('mistake %s gives %s (valid: %s)', async (mistake, code, valid) => {
    const bytes = await synthesizeSubmission({
      outline,
      unit: commune,
      period: p6m,
      seed: 1,
      mistakes: [mistake],
    });
    const sub = validate(bytes);
    expect(sub.issues.map((i) => i.code)).toEqual(code === null ? [] : [code]);
    expect(sub.valid).toBe(valid);
    if (mistake === 'nu-gt-tong') expect(sub.issues[0]?.message).toMatch(/Nữ/);
    if (mistake === 'placeholder-dash') {
      // `-` typed for zero reads as 0, the same numbers as without the mistake.
      const clean = validate(
        await synthesizeSubmission({ outline, unit: commune, period: p6m, seed: 1 }),
      );
      expect(sub.values).toEqual(clean.values);
    }
    if (mistake === 'text-number') {
      const clean = validate(
        await synthesizeSubmission({ outline, unit: commune, period: p6m, seed: 1 }),
      );
      expect(sub.values).toEqual(clean.values);
    }
  });
});

const sub = (s: string | undefined): string => s ?? '';

describe('synthesizeWorkspace', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bctd-synth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes units beyond the preset, files as receive names them, and a ledger with late receipts', async () => {
    const ws = await synthesizeWorkspace({
      dir,
      outline,
      units: 50,
      periods: [p6m],
      seed: 5,
      presetDir,
      missing: ['15703'],
      late: ['15742'],
      mistakes: { '15730': ['nu-gt-tong'] },
      now: new Date(2022, 11, 31),
      profile: { narratives: 'short' },
    });
    expect(ws.units).toHaveLength(50);
    expect(ws.units.slice(48).map((u) => u.kind)).toEqual(['xa', 'xa']);
    const written = parseUnits(readFileSync(path.join(dir, 'units.yaml'), 'utf8'), 'units.yaml');
    expect(written.ok && written.units.map((u) => u.code)).toEqual(ws.units.map((u) => u.code));
    expect(ws.files['2022-6m']).toHaveLength(49);
    expect(ws.files['2022-6m']).not.toContain(path.join('nop', '2022-6m', '15703.xlsx'));

    const ledger = readLedger(path.join(dir, 'nop', '2022-6m'), '2022-6m');
    expect(ledger.entries).toHaveLength(49);
    for (const e of ledger.entries) {
      const bytes = readFileSync(path.join(dir, 'nop', '2022-6m', e.file));
      expect(sha(bytes)).toBe(e.sha256);
      const day = e.received_at.slice(0, 10);
      if (e.unit === '15742') expect(day > '2022-06-20').toBe(true);
      else expect(day <= '2022-06-20').toBe(true);
    }
    const bad = validate(readFileSync(path.join(dir, 'nop', '2022-6m', '15730.xlsx')));
    expect(bad.valid).toBe(false);
    const extra = validateWorkbook({
      bytes: readFileSync(path.join(dir, 'nop', '2022-6m', '20049.xlsx')),
      file: '20049.xlsx',
      outlines: () => outline,
      outline,
      units: ws.units,
      period: p6m,
    });
    expect(extra.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
