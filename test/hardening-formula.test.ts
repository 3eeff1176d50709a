/**
 * Issue 7, "Formula injection": text that came from a unit (or from units.yaml, the outline,
 * bctd.yaml) is written as a string cell, never as a formula, in every workbook bctd writes:
 * annotated copies (`validate --annotate`, both the exceljs copy and the plain fallback), the
 * roll-up (`generate --rollup`) and the templates (`bctd template`). The assertions read the
 * written XML itself: the cell holding the text has no `<f>` and is typed `s` or `inlineStr`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { run as validate } from '../src/cli/commands/validate.js';
import type { Issue } from '../src/issues/types.js';
import { annotateWorkbook } from '../src/workbook/annotate.js';
import { bctd } from './helpers/cli.js';
import { escapeXml, rawXlsx, worksheetXml } from './helpers/hostile.js';
import { ctxAt, makeWorkspace, OUTLINE_YAML, unitWorkbook } from './generate-fixture.js';

/** What a unit (or a careless config) may type; each would run as a formula or DDE command. */
const PAYLOADS = [
  '=HYPERLINK("http://x","y")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '-2+3',
  '\t=1+1',
  '\r=1+1',
] as const;

/** The recognisable part of a payload (a leading tab or CR may be kept, escaped or dropped). */
const core = (p: string) => p.replace(/^[\t\r]/, '');

const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const textsOf = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decode(m[1]!)).join('');

interface XmlCell {
  part: string;
  ref: string;
  type: string;
  formula: string | null;
  text: string;
}

/** Every cell of every worksheet, as written: its type, its formula if any, its text. */
function cellsOf(bytes: Uint8Array): XmlCell[] {
  const files = unzipSync(bytes);
  const sstXml = files['xl/sharedStrings.xml'];
  const sst = sstXml
    ? [...strFromU8(sstXml).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textsOf(m[1]!))
    : [];
  const out: XmlCell[] = [];
  for (const [part, data] of Object.entries(files)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(part)) continue;
    const xml = strFromU8(data);
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = m[1]!;
      const inner = m[2] ?? '';
      const type = /\bt="([^"]*)"/.exec(attrs)?.[1] ?? 'n';
      const f = /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let text = '';
      if (type === 's' && v !== undefined) text = sst[Number(v)] ?? '';
      else if (type === 'inlineStr') text = textsOf(inner);
      else if (v !== undefined) text = decode(v);
      out.push({
        part,
        ref: /\br="([^"]*)"/.exec(attrs)?.[1] ?? '',
        type,
        formula: f ? decode(f[1] ?? '') : null,
        text,
      });
    }
  }
  return out;
}

/**
 * Each payload of `expected` is found in some cell, and every cell holding any payload is a
 * string with no formula; no formula anywhere contains a payload.
 */
function expectNoInjection(bytes: Uint8Array, expected: readonly string[]): void {
  const cells = cellsOf(bytes);
  for (const p of expected) {
    const holding = cells.filter((c) => c.text.includes(core(p)));
    expect(holding.length, `"${JSON.stringify(p)}" written somewhere`).toBeGreaterThan(0);
  }
  for (const p of PAYLOADS) {
    for (const c of cells.filter((x) => x.text.includes(core(p)))) {
      expect(c.formula, `${c.part} ${c.ref}`).toBeNull();
      expect(['s', 'inlineStr'], `${c.part} ${c.ref} type`).toContain(c.type);
    }
    for (const c of cells.filter((x) => x.formula !== null))
      expect(c.formula, `${c.part} ${c.ref}`).not.toContain(core(p).replace(/^[=+@]/, ''));
  }
}

describe('the XML check', () => {
  it('catches a payload written as a formula or as a formula result', () => {
    const asFormula = rawXlsx([
      {
        name: 'A',
        xml: worksheetXml('<row r="1"><c r="A1"><f>HYPERLINK("http://x","y")</f></c></row>'),
      },
    ]);
    expect(() => expectNoInjection(asFormula, [])).toThrow();
    const asResult = rawXlsx([
      {
        name: 'A',
        xml: worksheetXml('<row r="1"><c r="A1" t="str"><v>=1+1</v></c></row>'),
      },
    ]);
    expect(() => expectNoInjection(asResult, [])).toThrow();
  });
});

describe('validate --annotate', () => {
  let ws: string;
  let annotated: Uint8Array;

  beforeAll(async () => {
    ws = makeWorkspace();
    const bytes = await unitWorkbook('15664', '2022-6m', {
      values: {
        CB: { tong: PAYLOADS[0], nu: PAYLOADS[3] },
        KINH_PHI: { value: PAYLOADS[2] },
        SINH_SONG: { tong: PAYLOADS[4], nu: 3 },
      },
      texts: { I: PAYLOADS[1], 'II.1': PAYLOADS[5], III: PAYLOADS[0] },
    });
    const dir = path.join(ws, 'tai-ve');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'don-vi.xlsx'), bytes);
    const r = await validate(
      [dir],
      { format: 'json', period: '6m', year: 2022, annotate: dir },
      ctxAt(ws, '2022-06-18T09:00:00+07:00'),
    );
    expect(r.exitCode).toBe(1);
    const copies = readdirSync(dir).filter((n) => n !== 'don-vi.xlsx');
    expect(copies).toHaveLength(1);
    annotated = new Uint8Array(readFileSync(path.join(dir, copies[0]!)));
  }, 60_000);

  it('the annotated copy writes every unit text as a string, never a formula', () => {
    expectNoInjection(annotated, PAYLOADS);
  });

  it('the plain fallback (a file exceljs cannot load) writes them as strings too', async () => {
    // Shared and inline strings in a workbook without [Content_Types].xml: our reader reads
    // it; whichever writer annotates it, the texts must come out as strings.
    const rows = PAYLOADS.map(
      (p, i) =>
        `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c>` +
        `<c r="B${i + 1}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(p)}</t></is></c></row>`,
    ).join('');
    const src = rawXlsx([{ name: 'Số liệu', xml: worksheetXml(rows) }], {
      sharedStrings: [...PAYLOADS],
      noContentTypes: true,
    });
    const issues: Issue[] = PAYLOADS.map((p, i) => ({
      code: 'value-not-number',
      severity: 'error',
      message: `Giá trị "${p}" không phải là số.`,
      fix: p,
      file: 'x.xlsx',
      sheet: 'Số liệu',
      cell: `A${i + 1}`,
      value: p,
      label: p,
    }));
    const out = await annotateWorkbook(src, issues);
    expectNoInjection(out.bytes, PAYLOADS);
  });
});

describe('template and generate --rollup', () => {
  let ws: string;

  beforeAll(() => {
    ws = makeWorkspace();
    // Names and titles typed by whoever keeps units.yaml, the outline and bctd.yaml.
    writeFileSync(
      path.join(ws, 'de-cuong.yaml'),
      OUTLINE_YAML.replace(
        'label: Số cán bộ, công chức cấp xã',
        `label: ${JSON.stringify(PAYLOADS[1])}`,
      )
        .replace('title: Lĩnh vực chính trị', `title: ${JSON.stringify(PAYLOADS[2])}`)
        .replace('unit: triệu đồng', `unit: ${JSON.stringify(PAYLOADS[3])}`),
    );
    writeFileSync(
      path.join(ws, 'units.yaml'),
      `units:\n` +
        `  - { code: "15664", name: ${JSON.stringify(PAYLOADS[0])}, kind: thi_tran }\n` +
        `  - { code: "15667", name: ${JSON.stringify(PAYLOADS[4])}, kind: xa }\n` +
        `  - { code: "15670", name: ${JSON.stringify(PAYLOADS[5])}, kind: xa }\n` +
        `  - { code: "TTYT", name: Trung tâm Y tế huyện, kind: trung_tam_y_te }\n`,
    );
    const cfg = path.join(ws, 'bctd.yaml');
    writeFileSync(
      cfg,
      readFileSync(cfg, 'utf8').replace(
        /^ {2}full_name: .*$/m,
        `  full_name: ${JSON.stringify(PAYLOADS[0])}`,
      ),
    );
  });

  it('bctd template writes unit names and outline titles as strings', () => {
    const out = path.join(ws, 'bieu-mau');
    const r = bctd(['template', '--period', '6m', '--year', '2022', '--out', out], { cwd: ws });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(4);
    const byCode = (code: string) =>
      new Uint8Array(
        readFileSync(
          path.join(
            out,
            files.find((f) => f.startsWith(code))!,
          ),
        ),
      );
    expectNoInjection(byCode('15664'), [PAYLOADS[0], PAYLOADS[1], PAYLOADS[2], PAYLOADS[3]]);
    expectNoInjection(byCode('15667'), [PAYLOADS[4]]);
    expectNoInjection(byCode('15670'), [PAYLOADS[5]]);
  }, 60_000);

  it('generate --rollup writes the agency name and outline titles as strings', () => {
    const rollup = path.join(ws, 'tong-hop.xlsx');
    const r = bctd(
      [
        'generate',
        '--period',
        '6m',
        '--year',
        '2022',
        '--out',
        path.join(ws, 'bc.docx'),
        '--rollup',
        rollup,
      ],
      { cwd: ws },
    );
    expect(r.stderr).not.toMatch(/^ {4}at /m);
    expect(r.code).toBe(0);
    // The roll-up has no narrative sheet rows for the district: no section titles in it.
    expectNoInjection(new Uint8Array(readFileSync(rollup)), [PAYLOADS[0], PAYLOADS[1]]);
  }, 60_000);
});
