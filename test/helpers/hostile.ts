/**
 * Hostile and broken files, generated in code so that nothing large is committed.
 * Each `make()` is deterministic (no randomness: a seeded generator stands in) and sized so a
 * reader that hung or inflated blindly would hit the test timeout or the memory limit.
 * `HOSTILE_FILES` lists them with the problem the reader must report, for reuse by the
 * validation and CLI tests.
 */
import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';

export type Parts = Record<string, string | Uint8Array>;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const NS_CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Zips parts (strings are UTF-8). */
export function zipParts(parts: Parts, level: 0 | 1 | 6 | 9 = 6): Uint8Array {
  const z: Zippable = {};
  for (const [name, v] of Object.entries(parts)) {
    z[name] = [typeof v === 'string' ? strToU8(v) : v, { level }];
  }
  return zipSync(z);
}

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A worksheet part around `sheetData` rows written as XML. */
export function worksheetXml(
  rows: string,
  opts: { dimension?: string; merges?: string[]; prefix?: string } = {},
): string {
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const xmlns = opts.prefix ? `xmlns:${opts.prefix}="${NS_MAIN}"` : `xmlns="${NS_MAIN}"`;
  const dim = opts.dimension ? `<${p}dimension ref="${opts.dimension}"/>` : '';
  const merges = opts.merges?.length
    ? `<${p}mergeCells count="${opts.merges.length}">${opts.merges
        .map((m) => `<${p}mergeCell ref="${m}"/>`)
        .join('')}</${p}mergeCells>`
    : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<${p}worksheet ${xmlns} xmlns:r="${NS_R}">${dim}<${p}sheetData>${rows}</${p}sheetData>${merges}</${p}worksheet>`
  );
}

export interface RawSheetSpec {
  name: string;
  /** Full worksheet XML; see `worksheetXml`. */
  xml: string;
  state?: 'hidden' | 'veryHidden';
}

export interface RawXlsxOptions {
  sharedStrings?: string[] | string;
  styles?: string;
  /** Leave out `[Content_Types].xml`. */
  noContentTypes?: boolean;
  /** Leave out `xl/workbook.xml` (and its rels). */
  noWorkbook?: boolean;
  /** Sheet indexes (0-based) whose part is left out of the zip. */
  dropSheetParts?: number[];
  /** Write relationship targets as absolute part names (`/xl/worksheets/sheet1.xml`). */
  absoluteTargets?: boolean;
  date1904?: boolean;
  extraParts?: Parts;
}

export function sharedStringsXml(strings: string[]): string {
  const items = strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${NS_MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${items.join('')}</sst>`;
}

/** The parts of a small .xlsx written by hand, for shapes exceljs will not produce. */
export function rawXlsxParts(sheets: RawSheetSpec[], opts: RawXlsxOptions = {}): Parts {
  const parts: Parts = {};
  const abs = opts.absoluteTargets ? '/xl/' : '';
  const ss =
    typeof opts.sharedStrings === 'string'
      ? opts.sharedStrings
      : opts.sharedStrings
        ? sharedStringsXml(opts.sharedStrings)
        : undefined;
  if (!opts.noContentTypes) {
    parts['[Content_Types].xml'] =
      `<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="${NS_CT}">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      `</Types>`;
  }
  parts['_rels/.rels'] =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${opts.absoluteTargets ? '/' : ''}xl/workbook.xml"/></Relationships>`;
  if (!opts.noWorkbook) {
    parts['xl/workbook.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
      `<workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets>` +
      sheets
        .map(
          (s, i) =>
            `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
        )
        .join('') +
      `</sheets></workbook>`;
    const rels = sheets.map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${abs}worksheets/sheet${i + 1}.xml"/>`,
    );
    if (ss !== undefined) {
      rels.push(
        `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="${abs}sharedStrings.xml"/>`,
      );
    }
    if (opts.styles !== undefined) {
      rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="${abs}styles.xml"/>`);
    }
    parts['xl/_rels/workbook.xml.rels'] =
      `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${NS_PKG}">${rels.join('')}</Relationships>`;
  }
  sheets.forEach((s, i) => {
    if (!opts.dropSheetParts?.includes(i)) parts[`xl/worksheets/sheet${i + 1}.xml`] = s.xml;
  });
  if (ss !== undefined) parts['xl/sharedStrings.xml'] = ss;
  if (opts.styles !== undefined) parts['xl/styles.xml'] = opts.styles;
  Object.assign(parts, opts.extraParts ?? {});
  return parts;
}

export function rawXlsx(sheets: RawSheetSpec[], opts: RawXlsxOptions = {}): Uint8Array {
  return zipParts(rawXlsxParts(sheets, opts));
}

/** Styles with id 1 = percent (built-in 9) and id 2 = a custom `0.0%`, font 1 = `.VnTime`. */
export const STYLES_XML =
  `<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="${NS_MAIN}">` +
  `<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>` +
  `<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><name val=".VnTime"/></font></fonts>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>` +
  `<cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="9" fontId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="1" applyNumberFormat="1"/></cellXfs>` +
  `<dxfs count="1"><dxf><font><name val="Wrong"/></font><numFmt numFmtId="165" formatCode="wrong"/></dxf></dxfs>` +
  `</styleSheet>`;

// ---------------------------------------------------------------------------------------
// OLE compound files (MS-CFB), for legacy .xls and password-protected .xlsx.

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

/**
 * A minimal version-3 compound file: 512-byte sectors, every stream in the regular FAT.
 * Streams are padded to the 4096-byte mini-stream cutoff so that none belongs in the mini
 * stream, which keeps the writer small while the container stays valid.
 */
export function writeCfb(streams: Record<string, Uint8Array>): Uint8Array {
  const entries = Object.entries(streams)
    .map(([name, data]) => {
      const padded = new Uint8Array(Math.max(4096, Math.ceil(data.length / 512) * 512));
      padded.set(data);
      return { name, data: padded };
    })
    // Siblings form a search tree ordered by name length, then upper-cased name.
    .sort(
      (a, b) =>
        a.name.length - b.name.length || (a.name.toUpperCase() < b.name.toUpperCase() ? -1 : 1),
    );
  const dataSectors = entries.reduce((n, e) => n + e.data.length / 512, 0);
  const dirSectors = Math.ceil(((entries.length + 1) * 128) / 512);
  let fatSectors = 1;
  while (fatSectors * 128 < fatSectors + dirSectors + dataSectors) fatSectors++;
  if (fatSectors > 109) throw new Error('writeCfb: too large for a header-only DIFAT');
  const total = fatSectors + dirSectors + dataSectors;
  const out = new Uint8Array(512 + total * 512);
  const dv = new DataView(out.buffer);

  // Header.
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  dv.setUint16(0x18, 0x003e, true);
  dv.setUint16(0x1a, 0x0003, true);
  dv.setUint16(0x1c, 0xfffe, true);
  dv.setUint16(0x1e, 9, true);
  dv.setUint16(0x20, 6, true);
  dv.setUint32(0x2c, fatSectors, true);
  dv.setUint32(0x30, fatSectors, true);
  dv.setUint32(0x38, 4096, true);
  dv.setUint32(0x3c, ENDOFCHAIN, true);
  dv.setUint32(0x44, ENDOFCHAIN, true);
  for (let i = 0; i < 109; i++) dv.setUint32(0x4c + i * 4, i < fatSectors ? i : FREESECT, true);

  // FAT.
  const fat = new Array<number>(fatSectors * 128).fill(FREESECT);
  for (let i = 0; i < fatSectors; i++) fat[i] = FATSECT;
  const chain = (start: number, count: number): void => {
    for (let i = 0; i < count; i++) fat[start + i] = i === count - 1 ? ENDOFCHAIN : start + i + 1;
  };
  chain(fatSectors, dirSectors);
  let next = fatSectors + dirSectors;
  const starts: number[] = [];
  for (const e of entries) {
    const n = e.data.length / 512;
    starts.push(next);
    chain(next, n);
    out.set(e.data, 512 + next * 512);
    next += n;
  }
  fat.forEach((v, i) => dv.setUint32(512 + i * 4, v, true));

  // Directory: the root entry, then each stream as the right sibling of the one before.
  const dirAt = 512 + fatSectors * 512;
  const writeEntry = (
    i: number,
    name: string,
    type: number,
    child: number,
    right: number,
    start: number,
    size: number,
  ): void => {
    const o = dirAt + i * 128;
    for (let k = 0; k < name.length; k++) dv.setUint16(o + k * 2, name.charCodeAt(k), true);
    dv.setUint16(o + 64, (name.length + 1) * 2, true);
    out[o + 66] = type;
    out[o + 67] = 1; // black
    dv.setUint32(o + 68, NOSTREAM, true);
    dv.setUint32(o + 72, right, true);
    dv.setUint32(o + 76, child, true);
    dv.setUint32(o + 116, start, true);
    dv.setUint32(o + 120, size, true);
  };
  writeEntry(0, 'Root Entry', 5, entries.length ? 1 : NOSTREAM, NOSTREAM, ENDOFCHAIN, 0);
  entries.forEach((e, i) =>
    writeEntry(
      i + 1,
      e.name,
      2,
      NOSTREAM,
      i + 1 < entries.length ? i + 2 : NOSTREAM,
      starts[i] ?? 0,
      e.data.length,
    ),
  );
  for (let i = entries.length + 1; i < (dirSectors * 512) / 128; i++) {
    const o = dirAt + i * 128;
    dv.setUint32(o + 68, NOSTREAM, true);
    dv.setUint32(o + 72, NOSTREAM, true);
    dv.setUint32(o + 76, NOSTREAM, true);
  }
  return out;
}

/** A deterministic byte generator (xorshift), so "random bytes" are the same on every run. */
export function pseudoRandomBytes(n: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** BIFF8 BOF + EOF records: enough for a `Workbook` stream to look like Excel 97-2003. */
function biffStub(): Uint8Array {
  return new Uint8Array([
    0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0xbb, 0x0d, 0xcc, 0x07, 0, 0, 0, 0, 0x06, 0x04,
    0, 0, 0x0a, 0x00, 0x00, 0x00,
  ]);
}

// ---------------------------------------------------------------------------------------
// The files.

const plainSheet = (rows: string): RawSheetSpec => ({ name: 'Số liệu', xml: worksheetXml(rows) });
const ROWS_OK =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c><c r="B1"><v>1</v></c></row>';

export const emptyFile = (): Uint8Array => new Uint8Array(0);

export const randomFile = (): Uint8Array => pseudoRandomBytes(64 * 1024);

export const csvFile = (): Uint8Array =>
  strToU8('Mã,Nội dung,Tổng số,Nam,Nữ\r\nDS01,Dân số trung bình,12500,6100,6400\r\n');

export const validXlsx = (): Uint8Array => rawXlsx([plainSheet(ROWS_OK)]);

/** A download cut short: the central directory at the end is missing. */
export const truncatedZip = (): Uint8Array => {
  const full = rawXlsx([plainSheet(ROWS_OK.repeat(1))]);
  return full.slice(0, Math.floor(full.length * 0.6));
};

export const legacyXls = (): Uint8Array =>
  writeCfb({
    Workbook: biffStub(),
    '\u0005SummaryInformation': new Uint8Array(64),
  });

/** What Excel writes for a workbook with an open password: an OLE container, not a zip. */
export const encryptedXlsx = (): Uint8Array => {
  const info = strToU8(
    '\u0004\u0000\u0004\u0000\u0040\u0000\u0000\u0000<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>',
  );
  const pkg = new Uint8Array(8 + 2048);
  new DataView(pkg.buffer).setUint32(0, 2048, true);
  pkg.set(pseudoRandomBytes(2048, 7), 8);
  return writeCfb({ EncryptionInfo: info, EncryptedPackage: pkg });
};

/** An OpenDocument spreadsheet: `mimetype` first and stored, as ODF requires. */
export const odsFile = (): Uint8Array =>
  zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'content.xml': strToU8(
      '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
    ),
    'META-INF/manifest.xml': strToU8('<manifest/>'),
  });

export const docxFile = (): Uint8Array =>
  zipParts({
    '[Content_Types].xml': `<Types xmlns="${NS_CT}"/>`,
    'word/document.xml': '<w:document xmlns:w="x"/>',
  });

/**
 * Shared strings that inflate to 70 MB (past the 64 MB default cap) from about 70 KB, with
 * the central directory and local header both claiming 100 bytes.
 */
/** Keeps the slow generators from running twice in one test file. */
function once<A extends unknown[]>(make: (...args: A) => Uint8Array): (...args: A) => Uint8Array {
  const cache = new Map<string, Uint8Array>();
  return (...args) => {
    const key = JSON.stringify(args);
    let v = cache.get(key);
    if (!v) cache.set(key, (v = make(...args)));
    return v.slice();
  };
}

export const zipBomb = once((inflatedBytes: number = 70 * 1024 * 1024): Uint8Array => {
  const big = new Uint8Array(inflatedBytes).fill(0x20);
  big.set(strToU8(`<sst xmlns="${NS_MAIN}">`), 0);
  const bytes = zipParts(
    rawXlsxParts([plainSheet(ROWS_OK)], { extraParts: { 'xl/sharedStrings.xml': big } }),
    1,
  );
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const name = strToU8('xl/sharedStrings.xml');
  const nameAt = (p: number, off: number): boolean =>
    name.every((c, k) => bytes[p + off + k] === c) &&
    dv.getUint16(p + off - 18, true) === name.length;
  for (let p = 0; p + 46 < bytes.length; p++) {
    const sig = dv.getUint32(p, true);
    if (sig === 0x04034b50 && nameAt(p, 30)) dv.setUint32(p + 22, 100, true);
    if (sig === 0x02014b50 && nameAt(p, 46)) dv.setUint32(p + 24, 100, true);
  }
  return bytes;
});

/** A zip whose directory is intact but whose workbook part's local header is overwritten. */
export const corruptZip = (): Uint8Array => {
  const bytes = validXlsx();
  const name = strToU8('xl/workbook.xml');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let p = 0; p + 30 < bytes.length; p++) {
    if (dv.getUint32(p, true) === 0x04034b50 && name.every((c, k) => bytes[p + 30 + k] === c)) {
      dv.setUint32(p, 0x12345678, true);
      break;
    }
  }
  return bytes;
};

const LAUGHS =
  '<!DOCTYPE sst [<!ENTITY lol "lol">' +
  Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
  ).join('') +
  ']>';

/** "Billion laughs": nested entities in the shared strings. */
export const billionLaughs = (): Uint8Array =>
  rawXlsx([plainSheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')], {
    sharedStrings: `<?xml version="1.0"?>\n${LAUGHS}<sst xmlns="${NS_MAIN}"><si><t>&lol9;</t></si></sst>`,
  });

/** An external entity naming a local file; `where` puts it in the shared strings or a sheet. */
export const externalEntity = (
  where: 'sharedStrings' | 'sheet' = 'sheet',
  path = '/etc/passwd',
): Uint8Array => {
  const dtd = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://${path}">]>`;
  if (where === 'sharedStrings') {
    return rawXlsx([plainSheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')], {
      sharedStrings: `<?xml version="1.0"?>\n${dtd}<sst xmlns="${NS_MAIN}"><si><t>&xxe;</t></si></sst>`,
    });
  }
  const xml = worksheetXml(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>',
  ).replace('?>\n', `?>\n${dtd}`);
  return rawXlsx([{ name: 'Số liệu', xml }]);
};

/**
 * A sheet that claims every cell of the grid and has `styledRows` styled empty rows (what a
 * unit gets by formatting whole columns), with data only in the first three rows.
 */
export const hugeDimension = once((styledRows: number = 200_000): Uint8Array => {
  const rows: string[] = [
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c><c r="B1" t="inlineStr"><is><t>Tổng số</t></is></c></row>',
    '<row r="2"><c r="A2" t="inlineStr"><is><t>DS01</t></is></c><c r="B2"><v>12500</v></c></row>',
    '<row r="3"><c r="A3" t="inlineStr"><is><t>DS02</t></is></c><c r="B3"><v>6100</v></c></row>',
  ];
  for (let r = 4; r < 4 + styledRows; r++) {
    rows.push(
      `<row r="${r}" s="1" customFormat="1"><c r="A${r}" s="1"/><c r="XFD${r}" s="1"/></row>`,
    );
  }
  return rawXlsx(
    [{ name: 'Số liệu', xml: worksheetXml(rows.join(''), { dimension: 'A1:XFD1048576' }) }],
    {
      styles: STYLES_XML,
    },
  );
});

/** `rows` rows that each hold a number: past `maxRows` when rows > 20 000. */
export const manyRows = (rows: number): Uint8Array => {
  const parts: string[] = [];
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  return rawXlsx([{ name: 'Số liệu', xml: worksheetXml(parts.join('')) }]);
};

export const noWorkbookXml = (): Uint8Array => rawXlsx([plainSheet(ROWS_OK)], { noWorkbook: true });

/** The workbook lists two sheets; the second one's part is not in the zip. */
export const missingSheetPart = (): Uint8Array =>
  rawXlsx([plainSheet(ROWS_OK), { name: 'Nội dung', xml: worksheetXml('') }], {
    dropSheetParts: [1],
  });

export const noContentTypes = (): Uint8Array =>
  rawXlsx([plainSheet(ROWS_OK)], { noContentTypes: true });

export const manySheets = (count = 500): Uint8Array =>
  rawXlsx(
    Array.from({ length: count }, (_, i) => ({ name: `Trang ${i + 1}`, xml: worksheetXml('') })),
  );

/** One cell of `chars` characters, as a shared string or an inline string. */
export const hugeCell = (
  chars = 5 * 1024 * 1024,
  as: 'shared' | 'inline' = 'shared',
): Uint8Array => {
  const text = 'á'.repeat(chars);
  if (as === 'inline') {
    return rawXlsx([
      plainSheet(`<row r="1"><c r="C7" t="inlineStr"><is><t>${text}</t></is></c></row>`),
    ]);
  }
  return rawXlsx([plainSheet('<row r="1"><c r="C7" t="s"><v>0</v></c></row>')], {
    sharedStrings: [text],
  });
};

/** Shared strings with `count` empty items: tiny zipped, a memory bomb as objects. */
export const manySharedStrings = (count = 600_000): Uint8Array =>
  rawXlsx([plainSheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')], {
    sharedStrings: `<?xml version="1.0"?>\n<sst xmlns="${NS_MAIN}">${'<si><t/></si>'.repeat(count)}</sst>`,
  });

/** Formulas whose cached results are errors, and an error typed as a value. */
export const cachedFormulaErrors = (): Uint8Array =>
  rawXlsx([
    plainSheet(
      '<row r="1"><c r="A1"><v>0</v></c><c r="B1" t="e"><f>1/A1</f><v>#DIV/0!</v></c>' +
        '<c r="C1" t="e"><f>#REF!+1</f><v>#REF!</v></c><c r="D1" t="e"><v>#N/A</v></c>' +
        '<c r="E1" t="e"><f>VLOOKUP("x",A1:A1,2,FALSE)</f><v>#REF!</v></c></row>',
    ),
  ]);

/** Formulas written by a program that never computed them: no `<v>` at all. */
export const formulaWithoutValue = (): Uint8Array =>
  rawXlsx([
    plainSheet(
      '<row r="1"><c r="A1"><v>4</v></c><c r="B1"><v>5</v></c><c r="C1"><f>A1+B1</f></c>' +
        '<c r="D1" t="str"><f>CONCATENATE("a","b")</f><v></v></c></row>',
    ),
  ]);

export type HostileExpect = { problem: string; sheet?: string } | 'ok';

export interface HostileFile {
  /** Short label for a test title. */
  label: string;
  /** A file name a unit might send it under (all claim to be .xlsx unless noted). */
  fileName: string;
  make: () => Uint8Array;
  /** The `ReadProblem` readWorkbook must return, or the one that reading `sheet` gives. */
  expect: HostileExpect;
}

export const HOSTILE_FILES: HostileFile[] = [
  { label: 'empty file', fileName: 'rong.xlsx', make: emptyFile, expect: { problem: 'empty' } },
  {
    label: 'random bytes',
    fileName: 'ngau-nhien.xlsx',
    make: randomFile,
    expect: { problem: 'not-zip' },
  },
  {
    label: 'CSV renamed .xlsx',
    fileName: 'so-lieu.xlsx',
    make: csvFile,
    expect: { problem: 'csv' },
  },
  {
    label: 'truncated zip',
    fileName: 'bi-cat.xlsx',
    make: truncatedZip,
    expect: { problem: 'truncated' },
  },
  { label: 'legacy .xls', fileName: 'bao-cao.xls', make: legacyXls, expect: { problem: 'xls' } },
  {
    label: '.xls renamed .xlsx',
    fileName: 'bao-cao.xlsx',
    make: legacyXls,
    expect: { problem: 'xls' },
  },
  {
    label: 'password-protected',
    fileName: 'mat-khau.xlsx',
    make: encryptedXlsx,
    expect: { problem: 'encrypted' },
  },
  {
    label: '.ods renamed .xlsx',
    fileName: 'libre.xlsx',
    make: odsFile,
    expect: { problem: 'ods' },
  },
  {
    label: '.docx renamed .xlsx',
    fileName: 'van-ban.xlsx',
    make: docxFile,
    expect: { problem: 'docx' },
  },
  {
    label: 'corrupt zip (damaged local header)',
    fileName: 'hong.xlsx',
    make: corruptZip,
    expect: { problem: 'corrupt' },
  },
  {
    label: 'zip bomb with a lying size',
    fileName: 'bom.xlsx',
    make: () => zipBomb(),
    expect: { problem: 'part-too-large' },
  },
  {
    label: 'entity expansion (billion laughs)',
    fileName: 'cuoi.xlsx',
    make: billionLaughs,
    expect: { problem: 'xml-dtd' },
  },
  {
    label: 'external entity in shared strings',
    fileName: 'xxe1.xlsx',
    make: () => externalEntity('sharedStrings'),
    expect: { problem: 'xml-dtd' },
  },
  {
    label: 'external entity in a sheet',
    fileName: 'xxe2.xlsx',
    make: () => externalEntity('sheet'),
    expect: { problem: 'xml-dtd', sheet: 'Số liệu' },
  },
  {
    label: 'no xl/workbook.xml',
    fileName: 'thieu-workbook.xlsx',
    make: noWorkbookXml,
    expect: { problem: 'no-workbook' },
  },
  {
    label: 'missing sheet part',
    fileName: 'thieu-trang.xlsx',
    make: missingSheetPart,
    expect: { problem: 'missing-sheet-part' },
  },
  {
    label: '500 sheets',
    fileName: '500-trang.xlsx',
    make: () => manySheets(500),
    expect: { problem: 'too-many-sheets' },
  },
  {
    label: 'one 5 MB cell (shared string)',
    fileName: 'o-lon.xlsx',
    make: () => hugeCell(),
    expect: { problem: 'cell-too-long', sheet: 'Số liệu' },
  },
  {
    label: 'one 5 MB cell (inline string)',
    fileName: 'o-lon-2.xlsx',
    make: () => hugeCell(5 * 1024 * 1024, 'inline'),
    expect: { problem: 'cell-too-long', sheet: 'Số liệu' },
  },
  {
    label: '20 001 rows of data',
    fileName: 'nhieu-dong.xlsx',
    make: () => manyRows(20_001),
    expect: { problem: 'too-many-rows', sheet: 'Số liệu' },
  },
  {
    label: '600 000 shared strings',
    fileName: 'nhieu-chuoi.xlsx',
    make: () => manySharedStrings(),
    expect: { problem: 'too-many-cells' },
  },
  {
    label: 'A1:XFD1048576 with 200 000 styled empty rows',
    fileName: 'dinh-dang.xlsx',
    make: () => hugeDimension(),
    expect: 'ok',
  },
  {
    label: 'no [Content_Types].xml',
    fileName: 'thieu-ct.xlsx',
    make: noContentTypes,
    expect: 'ok',
  },
  {
    label: 'cached formula errors',
    fileName: 'loi-cong-thuc.xlsx',
    make: cachedFormulaErrors,
    expect: 'ok',
  },
  {
    label: 'formula without a stored value',
    fileName: 'chua-tinh.xlsx',
    make: formulaWithoutValue,
    expect: 'ok',
  },
];
