/**
 * The reader's fast paths (rows of a sheet, plain shared strings: `XmlHandlers.skim`) must
 * give exactly what the scanner's events give: the same cells, the same strings, and for a
 * damaged part the same problem at the same cell. Each part here is read both ways, the demo
 * workbooks as they are and thousands of seeded variants of them that writers and damage
 * produce (other quoting and spacing, entities, inline strings, prefixes, CDATA, comments,
 * shared formulas, missing or odd addresses, cuts, stray characters, tight limits).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { readSheet } from '../src/workbook/sheet.js';
import { readSharedStrings, type SharedString } from '../src/workbook/strings.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../src/workbook/types.js';
import { ReadAbort, decodeUtf8, fastPaths, nodeDecoding } from '../src/workbook/xml.js';
import { ROOT } from './helpers/cli.js';
import { rng } from './helpers/mutate.js';

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

const enc = new TextEncoder();

function demoParts(): { sheets: string[]; strings: string[] } {
  const dir = path.join(ROOT, 'fixtures', 'demo', 'nop', '2022-6m');
  const sheets: string[] = [];
  const strings: string[] = [];
  for (const n of readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .slice(0, 4)) {
    const zip = unzipSync(new Uint8Array(readFileSync(path.join(dir, n))));
    for (const [part, bytes] of Object.entries(zip)) {
      if (/^xl\/worksheets\/sheet\d+\.xml$/.test(part)) sheets.push(strFromU8(bytes));
      if (part === 'xl/sharedStrings.xml') strings.push(strFromU8(bytes));
    }
  }
  return { sheets, strings };
}

/** What a read gave: the value, or the problem as the user would see it. */
function outcome<T>(read: () => T): { value?: T; problem?: Record<string, unknown> } {
  try {
    return { value: read() };
  } catch (e) {
    if (!(e instanceof ReadAbort)) throw e;
    return { problem: { problem: e.problem, detail: e.detail, part: e.part, cell: e.cell } };
  }
}

function bothWays<T>(read: () => T): {
  fast: ReturnType<typeof outcome<T>>;
  events: ReturnType<typeof outcome<T>>;
} {
  fastPaths.enabled = true;
  const fast = outcome(read);
  fastPaths.enabled = false;
  const events = outcome(read);
  fastPaths.enabled = true;
  return { fast, events };
}

const STRINGS: SharedString[] = Array.from({ length: 400 }, (_, i) =>
  i % 7 === 3
    ? { text: `run ${i}`, runs: [{ text: `run ${i}`, font: { name: '.VnTime' } }] }
    : { text: `s${i}` },
);

function sheetBothWays(xml: string, limits: ReadLimits = DEFAULT_READ_LIMITS) {
  const bytes = enc.encode(xml);
  return bothWays(() => {
    const r = readSheet(bytes, 'xl/worksheets/sheet2.xml', 'Sheet', {
      strings: STRINGS,
      styles: [{}, { numFmt: '0.0%' }, { font: { name: 'Times New Roman' } }],
      limits,
      counter: { cells: 0 },
    });
    return { ...r, cells: [...r.cells] };
  });
}

function stringsBothWays(xml: string, maxChars = 32767, maxItems = 1_000_000) {
  const bytes = enc.encode(xml);
  return bothWays(() => readSharedStrings(bytes, 'xl/sharedStrings.xml', maxChars, maxItems));
}

/** A random place in the text, preferring the rows or items the fast paths read. */
function spot(r: Rand, xml: string, from: string, to: string): number {
  const a = xml.indexOf(from);
  const b = xml.lastIndexOf(to);
  return a >= 0 && b > a && r() < 0.9 ? a + int(r, b - a) : int(r, xml.length + 1);
}

/** Replaces the `k`-th (random) match of `re` with `f(match)`. */
function replaceOne(r: Rand, xml: string, re: RegExp, f: (m: string) => string): string {
  const all = [
    ...xml.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)),
  ];
  if (all.length === 0) return xml;
  const m = pick(r, all);
  const at = m.index ?? 0;
  return xml.slice(0, at) + f(m[0]) + xml.slice(at + m[0].length);
}

const SHEET_MUTATIONS: ReadonlyArray<(r: Rand, x: string) => string> = [
  // spacing and quoting writers use
  (r, x) => replaceOne(r, x, /<c [^>]*>/, (m) => m.replace(/"/g, "'")),
  (r, x) =>
    replaceOne(r, x, /<row [^>]*>/, (m) => m.replace(/ /g, pick(r, ['  ', '\n', '\t', '\r\n']))),
  (r, x) => replaceOne(r, x, /<c [^>]*>/, (m) => m.replace('=', pick(r, [' =', '= ', ' = ']))),
  (r, x) =>
    replaceOne(r, x, /<\/c>|<\/row>|<\/v>/, (m) =>
      pick(r, [m.replace('>', ' >'), `${m}\n  `, `\r\n${m}`]),
    ),
  (r, x) => replaceOne(r, x, /<c [^>]*\/>/, (m) => m.replace('/>', ' />')),
  // values: other shapes of <v>
  (r, x) =>
    replaceOne(r, x, /<v>[^<]*<\/v>/, (m) =>
      pick(r, [
        '<v/>',
        '<v></v>',
        `<v><![CDATA[${m.slice(3, -4)}]]></v>`,
        `<v>${m.slice(3, -4)}<!-- x --></v>`,
        '<v>&#49;&#x32;</v>',
        '<v>1&amp;2</v>',
        '<v>a]]>b</v>',
        '<v>a]>b</v>',
        '<v>&nbsp;</v>',
        '<v>&amp</v>',
        '<v>1\r\n2</v>',
        `<v xml:space="preserve">${m.slice(3, -4)}</v>`,
        `${m}${m}`,
        `<x:v>${m.slice(3, -4)}</x:v>`,
      ]),
    ),
  // types and strings
  (r, x) =>
    replaceOne(r, x, /<c r="[A-Z]+\d+"( s="\d+")?( t="s")?>/, (m) =>
      m.replace(
        /( t="s")?>$/,
        ` t="${pick(r, ['s', 'str', 'b', 'e', 'n', 'd', 'inlineStr', 'x'])}">`,
      ),
    ),
  (r, x) =>
    replaceOne(r, x, /<c r="([A-Z]+\d+)"[^>]*\/>/, (m) =>
      m.replace(/ ?\/>$/, ` t="inlineStr"><is><t>chữ &amp; số</t></is></c>`),
    ),
  (r, x) =>
    replaceOne(
      r,
      x,
      /<v>\d+<\/v>/,
      () => `<v>${pick(r, ['399', '400', '-1', '1.5', '007', ' 3', '', '1e3'])}</v>`,
    ),
  // formulas
  (r, x) =>
    replaceOne(r, x, /<c r="[A-Z]+\d+"[^>]*\/>/, (m) =>
      m.replace(/ ?\/>$/, '><f t="shared" ref="A1:Z99" si="0">SUM(A1:B2)</f><v>1</v></c>'),
    ),
  (r, x) =>
    replaceOne(r, x, /<c r="[A-Z]+\d+"[^>]*\/>/, (m) =>
      m.replace(/ ?\/>$/, '><f t="shared" si="0"/><v>2</v></c>'),
    ),
  (r, x) =>
    replaceOne(r, x, /<c r="[A-Z]+\d+"[^>]*\/>/, (m) =>
      m.replace(
        / ?\/>$/,
        `><f>${pick(r, ['TRUE()', 'IF(A1&lt;2,&quot;&quot;,1)', '', 'A1&gt;B1'])}</f><v>${pick(r, ['1', '', 'TRUE'])}</v></c>`,
      ),
    ),
  (r, x) =>
    replaceOne(r, x, /<c r="[A-Z]+\d+"[^>]*\/>/, (m) =>
      m.replace(/ ?\/>$/, ' t="b"><f>TRUE()</f><v>1</v></c>'),
    ),
  (r, x) => replaceOne(r, x, /<c r="[A-Z]+\d+"[^>]*\/>/, (m) => m.replace(/ ?\/>$/, '><f/></c>')),
  // addresses
  (r, x) => replaceOne(r, x, / r="[A-Z]+\d+"/, () => ''),
  (r, x) =>
    replaceOne(r, x, / r="\d+"/, () => pick(r, ['', ' r="0"', ' r="x"', ' r="7"', ' r=" 3"'])),
  (r, x) =>
    replaceOne(r, x, / r="([A-Z]+)(\d+)"/, (m) => {
      const [, col = 'A', row = '1'] = /"([A-Z]+)(\d+)"/.exec(m) ?? [];
      return ` r="${pick(r, [col.toLowerCase() + row, `$${col}$${row}`, `${col}0${row}`, `${col}`, `${row}`, `${col}${row} `, 'XFE1', 'A10000000'])}"`;
    }),
  // attributes
  (r, x) =>
    replaceOne(
      r,
      x,
      /<c r="[^"]*"/,
      (m) =>
        `${m} ${pick(r, ['r="B2"', 's="1"', 'cm="1"', 'x:r="1"', '__proto__="1" __proto__="2"'])}`,
    ),
  (r, x) =>
    replaceOne(
      r,
      x,
      /<row r="[^"]*"/,
      (m) => `${m} ${pick(r, ['r="9"', 'spans="1:2"', 'ht="1" ht="2"'])}`,
    ),
  (r, x) =>
    replaceOne(r, x, / s="\d+"/, () =>
      pick(r, [' s="&#49;"', ' s="1\t"', ' s="1"s="2"', ' s=1', ' s', ' s="<"', ' s="2"']),
    ),
  // prefixes, comments and stray text
  (r, x) =>
    replaceOne(r, x, /<row[ >][\s\S]*?<\/row>/, (m) =>
      m.replace(/<(\/?)(row|c|v|f)([ >/])/g, '<$1x:$2$3'),
    ),
  (r, x) =>
    replaceOne(
      r,
      x,
      /<\/c>/,
      (m) => `${m}${pick(r, ['<!-- c -->', 'x', '&amp;', '<?pi x?>', ' ', '<extLst/>'])}`,
    ),
  (r, x) =>
    replaceOne(
      r,
      x,
      /<\/row>/,
      (m) =>
        `${m}${pick(r, ['<!-- r -->', 'y', '<row/>', '<row r="3"/>', '<rowx/>', '<cx/>', '<c><v>9</v></c>'])}`,
    ),
  (r, x) =>
    replaceOne(
      r,
      x,
      /<row [^>]*>/,
      (m) => `${m}${pick(r, ['<c/>', '<c r="B9"/>', '<cc/>', 'z', '<c r="A1"></c>'])}`,
    ),
  // damage
  (r, x) => x.slice(0, spot(r, x, '<sheetData', '</sheetData>')),
  (r, x) => {
    const i = spot(r, x, '<sheetData', '</sheetData>');
    return (
      x.slice(0, i) +
      pick(r, ['<', '>', '/', '"', "'", '&', '=', '\r', ']]>', '<c>', '</c>', '</row>', '<v>']) +
      x.slice(i)
    );
  },
  (r, x) => {
    const i = spot(r, x, '<sheetData', '</sheetData>');
    return x.slice(0, i) + x.slice(i + 1 + int(r, 6));
  },
];

/** A sheet with the shapes the demo workbooks lack: formulas shared, empty rows, no `r`. */
const HANDMADE = `<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.25</v></c><c r="C1" s="2" t="b"><v>1</v></c></row>
<row r="2"/>
<row><c><v>5</v></c><c t="str"><f>A1&amp;"x"</f><v>s0x</v></c><c t="e"><v>#DIV/0!</v></c></row>
<row r="4"><c r="A4"><f t="shared" ref="A4:A6" si="0">B4*2</f><v>2</v></c><c r="B4" s="1"/><c><v>7</v></c></row>
<row r="5"><c r="A5"><f t="shared" si="0"/><v>4</v></c><c r="D5" t="d"><v>2022-06-30</v></c></row>
<row r="6" spans="1:3"><c r="A6"><f t="shared" si="0"/><v>6</v></c><c r="B6" t="s"><v>3</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>`;

const STRING_MUTATIONS: ReadonlyArray<(r: Rand, x: string) => string> = [
  (r, x) =>
    replaceOne(r, x, /<si><t>/, () =>
      pick(r, [
        '<si> <t>',
        '<si>\n<t>',
        '<si><t >',
        "<si><t xml:space='preserve'>",
        '<si><t xml:space="preserve">',
        '<x:si><t>',
      ]),
    ),
  (r, x) =>
    replaceOne(r, x, /<\/t><\/si>/, () =>
      pick(r, [
        '</t> </si>',
        '</t ></si>',
        '</t><rPh sb="0" eb="1"><t>ふ</t></rPh></si>',
        '</t><phoneticPr fontId="1"/></si>',
        '</t></x:si>',
      ]),
    ),
  (r, x) =>
    replaceOne(r, x, /<si><t>[^<]*<\/t><\/si>/, (m) =>
      pick(r, [
        '<si><r><rPr><rFont val=".VnTime"/><b/></rPr><t>Tæng</t></r><r><t xml:space="preserve"> số</t></r></si>',
        '<si><t/></si>',
        '<si><t></t></si>',
        '<si/>',
        `<si><t>${m.slice(7, -9)}&amp;&#x1EA1;</t></si>`,
        '<si><t>a&bad;</t></si>',
        '<si><t>a\r\nb</t></si>',
        '<si><t>a]]>b</t></si>',
        '<si><t><![CDATA[x<y]]></t></si>',
        `<si><t>${m.slice(7, -9)}<!-- c --></t></si>`,
        `${m}${m}`,
      ]),
    ),
  (r, x) => x.slice(0, spot(r, x, '<si>', '</sst>')),
  (r, x) => {
    const i = spot(r, x, '<si>', '</sst>');
    return (
      x.slice(0, i) + pick(r, ['<', '>', '&', '\r', '"', '</si>', '<si>', '</t>']) + x.slice(i)
    );
  },
];

describe('the fast paths read what the scanner reads', () => {
  afterEach(() => {
    fastPaths.enabled = true;
  });

  it('reads the demo workbooks the same both ways, and through the fast paths', () => {
    const { sheets, strings } = demoParts();
    expect(sheets.length).toBeGreaterThan(8);
    const before = fastPaths.taken;
    for (const xml of [...sheets, HANDMADE]) {
      const { fast, events } = sheetBothWays(xml);
      expect(fast.problem).toBeUndefined();
      expect(fast).toEqual(events);
    }
    const rowsTaken = fastPaths.taken - before;
    for (const xml of strings) {
      const { fast, events } = stringsBothWays(xml);
      expect(fast.problem).toBeUndefined();
      expect(fast).toEqual(events);
    }
    // The rows and items were read by the fast paths, not only by the events.
    expect(rowsTaken).toBeGreaterThan(sheets.length * 5);
    expect(fastPaths.taken - before - rowsTaken).toBeGreaterThan(strings.length * 100);
  });

  it('keys each cell by its address as Excel writes it, however `r` is written', () => {
    const xml = `<worksheet><sheetData><row r="2"><c r="b2"><v>1</v></c><c r="$C$2"><v>2</v></c><c r="D02"><v>3</v></c><c r=" E2"><v>4</v></c><c r="F2"><v>5</v></c></row></sheetData></worksheet>`;
    const { fast, events } = sheetBothWays(xml);
    expect(fast).toEqual(events);
    const cells = new Map(fast.value?.cells);
    expect([...cells.keys()]).toEqual(['B2', 'C2', 'D2', 'E2', 'F2']);
    expect([...cells.values()].map((c) => [c.address, c.row, c.col, c.value])).toEqual([
      ['B2', 2, 2, 1],
      ['C2', 2, 3, 2],
      ['D2', 2, 4, 3],
      ['E2', 2, 5, 4],
      ['F2', 2, 6, 5],
    ]);
  });

  it('gives the same cells or the same problem for 3,000 variants of the sheets', () => {
    const { sheets } = demoParts();
    const bases = [...sheets.slice(0, 6), HANDMADE];
    const tight: ReadLimits = {
      ...DEFAULT_READ_LIMITS,
      maxCells: 60,
      maxRows: 12,
      maxColumns: 4,
      maxCellChars: 3,
    };
    const seen = { problems: 0, read: 0, fast: 0 };
    for (let seed = 1; seed <= 3000; seed++) {
      const r = rng(seed);
      let xml = pick(r, bases);
      const steps = 1 + int(r, 3);
      for (let k = 0; k < steps; k++) xml = pick(r, SHEET_MUTATIONS)(r, xml);
      const limits = seed % 10 === 0 ? tight : DEFAULT_READ_LIMITS;
      const before = fastPaths.taken;
      const { fast, events } = sheetBothWays(xml, limits);
      if (fastPaths.taken > before) seen.fast++;
      expect(fast, `seed ${seed}`).toEqual(events);
      if (events.problem) seen.problems++;
      else seen.read++;
    }
    // The variants cover both outcomes, mostly through the fast path.
    expect(seen.problems).toBeGreaterThan(300);
    expect(seen.read).toBeGreaterThan(1000);
    expect(seen.fast).toBeGreaterThan(2000);
  });

  it('gives the same strings or the same problem for 1,500 variants of the shared strings', () => {
    const { strings } = demoParts();
    const seen = { problems: 0, read: 0 };
    for (let seed = 1; seed <= 1500; seed++) {
      const r = rng(seed);
      let xml = pick(r, strings);
      const steps = 1 + int(r, 3);
      for (let k = 0; k < steps; k++) xml = pick(r, STRING_MUTATIONS)(r, xml);
      // Tight limits, one at a time: the items past 50 include the labels written in runs.
      const { fast, events } = stringsBothWays(
        xml,
        seed % 7 === 0 ? 20 : 32767,
        seed % 7 === 1 ? 50 : 1_000_000,
      );
      expect(fast, `seed ${seed}`).toEqual(events);
      if (events.problem) seen.problems++;
      else seen.read++;
    }
    expect(seen.problems).toBeGreaterThan(150);
    expect(seen.read).toBeGreaterThan(300);
  });
});

describe('decoding a part', () => {
  it("gives TextDecoder's text for any bytes: ASCII, Vietnamese, a byte order mark, damage", () => {
    expect(nodeDecoding).toBe(true);
    const td = new TextDecoder('utf-8');
    const viet = enc.encode('<t>Tổng số hộ nghèo được hỗ trợ 😀 Ưu tiên phụ nữ</t>'.repeat(20));
    const ascii = enc.encode('<c r="A1" s="2"><v>12</v></c>'.repeat(30));
    const cases: Uint8Array[] = [
      ascii,
      viet,
      new Uint8Array([0xef, 0xbb, 0xbf, ...viet]),
      new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...ascii]),
      new Uint8Array([...viet, 0xe1, 0xbb]), // cut inside a character
      new Uint8Array([...ascii, 0x80, ...ascii]), // a lone continuation byte
      new Uint8Array([...ascii, 0xc0, 0xaf, ...viet]), // an overlong form
      new Uint8Array([...ascii, 0xed, 0xa0, 0x80, ...ascii]), // an encoded surrogate
      new Uint8Array([...ascii, 0xf4, 0x90, 0x80, 0x80]), // past U+10FFFF
      new Uint8Array([...ascii, 0, 0, ...viet]),
    ];
    const r = rng(7);
    for (let k = 0; k < 200; k++) {
      const b = (k % 2 ? viet : ascii).slice();
      for (let i = 0; i < 1 + int(r, 4); i++) b[int(r, b.length)] = int(r, 256);
      cases.push(b);
    }
    for (const b of cases) expect(decodeUtf8(b)).toBe(td.decode(b));
  });
});
