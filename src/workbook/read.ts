import { ZipError, looksLikeZip, openZip } from '../ooxml/zip.js';
import { PartMemo, type RawInflate, type ZipArchive } from '../ooxml/zip.js';
import { looksLikeCfb } from './cfb.js';
import { isWorkbookContentType, readContentTypes, readRels, type Relationship } from './opc.js';
import { looksLikeCsv, oleKind, zipKind } from './sniff.js';
import { readSheet } from './sheet.js';
import type { SheetContext } from './sheet.js';
import { readSharedStrings } from './strings.js';
import type { SharedString } from './strings.js';
import { readStyles } from './styles.js';
import type { CellStyle } from './styles.js';
import { DEFAULT_READ_LIMITS } from './types.js';
import type {
  RawSheet,
  RawWorkbook,
  ReadFailure,
  ReadLimits,
  ReadProblem,
  ReadResult,
  ReadWarning,
  SheetInfo,
  SheetState,
} from './types.js';
import { ReadAbort, attr, parseXml, relId } from './xml.js';

function fail(problem: ReadProblem, detail: string, part?: string): ReadFailure {
  return part === undefined ? { ok: false, problem, detail } : { ok: false, problem, detail, part };
}

function fromError(err: unknown, sheet?: string): ReadFailure {
  let f: ReadFailure;
  if (err instanceof ReadAbort) {
    f = fail(err.problem, err.detail, err.part);
    if (err.cell !== undefined) f.cell = err.cell;
  } else if (err instanceof ZipError) {
    const problem: ReadProblem =
      err.problem === 'unsupported-compression' || err.problem === 'not-zip'
        ? 'corrupt'
        : err.problem;
    f = fail(problem, err.message, err.part);
  } else throw err;
  if (sheet !== undefined) f.sheet = sheet;
  return f;
}

export interface ReadOptions {
  /** A native raw inflater (Node's zlib); the results are the same with or without it. */
  inflateRaw?: RawInflate | undefined;
}

/**
 * Reads an .xlsx/.xlsm from its bytes within `limits`. Never throws for anything a file can
 * contain: every problem comes back as a `ReadFailure` naming it. Shared strings and styles
 * are read once here; each sheet only when `workbook.sheet(name)` asks for it.
 *
 * A package without `[Content_Types].xml` is still read (all the data is there), but the
 * workbook carries a `no-content-types` warning because Excel refuses to open such a file.
 */
export function readWorkbook(
  bytes: Uint8Array,
  limits: Partial<ReadLimits> = {},
  options: ReadOptions = {},
): ReadResult {
  const lim: ReadLimits = { ...DEFAULT_READ_LIMITS, ...limits };
  if (bytes.length === 0) return fail('empty', 'file has 0 bytes');
  if (looksLikeCfb(bytes)) {
    const k = oleKind(bytes);
    if (k === 'encrypted') return fail('encrypted', 'OLE container with EncryptedPackage');
    if (k === 'xls') return fail('xls', 'OLE container (Excel 97-2003)');
    return fail('not-zip', 'OLE container of another program');
  }
  if (bytes.length > lim.maxFileBytes) {
    return fail('too-large', `${bytes.length} bytes, limit ${lim.maxFileBytes}`);
  }
  if (!looksLikeZip(bytes)) {
    if (looksLikeCsv(bytes)) return fail('csv', 'delimited text');
    return fail('not-zip', 'no zip signature');
  }
  const opened = openZip(
    bytes,
    {
      maxEntries: lim.maxEntries,
      maxPartBytes: lim.maxPartBytes,
      maxTotalBytes: lim.maxTotalBytes,
    },
    { inflateRaw: options.inflateRaw },
  );
  if (!opened.ok) {
    const problem: ReadProblem =
      opened.problem === 'unsupported-compression' ? 'corrupt' : opened.problem;
    return fail(problem, opened.detail);
  }
  try {
    return openWorkbook(opened.zip, lim);
  } catch (err) {
    return fromError(err);
  }
}

/** The sheets a workbook part declares, in order, and its date system. */
interface MainPart {
  declared: ReadonlyArray<{ name: string; state: SheetState; rid: string }>;
  date1904: boolean;
}

// The parts every unit's workbook shares with the template, parsed once per distinct content
// (the values are shared between workbooks and never changed).
const MAIN = new PartMemo<MainPart>();
const STYLES = new PartMemo<readonly CellStyle[]>();

function readMainPart(wbBytes: Uint8Array, wbPart: string, maxSheets: number): MainPart {
  const declared: Array<{ name: string; state: SheetState; rid: string }> = [];
  let date1904 = false;
  parseXml(wbBytes, wbPart, {
    open(name, a) {
      if (name === 'sheet') {
        if (declared.length >= maxSheets) {
          throw new ReadAbort('too-many-sheets', `more than ${maxSheets} sheets`, wbPart);
        }
        const st = attr(a, 'state');
        declared.push({
          name: attr(a, 'name') ?? '',
          state: st === 'hidden' || st === 'veryHidden' ? st : 'visible',
          rid: relId(a) ?? '',
        });
      } else if (name === 'workbookPr') {
        const v = attr(a, 'date1904');
        date1904 = v === '1' || v === 'true';
      }
    },
  });
  return { declared, date1904 };
}

function openWorkbook(zip: ZipArchive, limits: ReadLimits): ReadResult {
  const warnings: ReadWarning[] = [];
  let mimetype: string | undefined;
  if (zip.has('mimetype')) mimetype = new TextDecoder().decode(zip.read('mimetype'));
  const kind = zipKind(zip.names, mimetype);
  if (kind === 'ods') return fail('ods', 'OpenDocument spreadsheet');
  if (kind === 'docx') return fail('docx', 'Word document');

  // Only presence matters unless the relationships fail to name the main part: parsing
  // the content types of every file would cost time for nothing.
  const hasTypes = zip.has('[Content_Types].xml');
  if (!hasTypes) {
    warnings.push({
      problem: 'no-content-types',
      detail: 'package has no [Content_Types].xml',
      part: '[Content_Types].xml',
    });
  }

  // The main part: the package relationship, else the content types, else the usual name.
  let wbPart = (readRels(zip, '') ?? []).find(
    (r) => r.type === 'officeDocument' && !r.external && zip.has(r.target),
  )?.target;
  const types = !wbPart && hasTypes ? readContentTypes(zip) : undefined;
  if (!wbPart && types) {
    for (const [name, type] of types.overrides) {
      if (isWorkbookContentType(type) && zip.has(name)) wbPart = name;
    }
  }
  if (!wbPart && zip.has('xl/workbook.xml')) wbPart = 'xl/workbook.xml';
  if (!wbPart) {
    const binary = zip.has('xl/workbook.bin');
    return fail('no-workbook', binary ? 'binary workbook (.xlsb)' : 'no xl/workbook.xml');
  }

  const main =
    zip.readParsed(wbPart, MAIN, `${wbPart}\u0000${limits.maxSheets}`, (bytes) =>
      readMainPart(bytes, wbPart, limits.maxSheets),
    ) ?? readMainPart(new Uint8Array(0), wbPart, limits.maxSheets);
  const { declared, date1904 } = main;

  const rels = readRels(zip, wbPart) ?? [];
  const byId = new Map(rels.filter((r) => !r.external).map((r) => [r.id, r]));
  const sheets: SheetInfo[] = declared.map((d) => {
    const rel = byId.get(d.rid);
    return { name: d.name, state: d.state, path: rel ? rel.target : '' };
  });
  const missing = sheets.find((s) => s.path === '' || !zip.has(s.path));
  if (missing) {
    return fail(
      'missing-sheet-part',
      `sheet "${missing.name}" has no part${missing.path ? ` ${missing.path}` : ''}`,
      missing.path || undefined,
    );
  }

  const ssPart = partOf(zip, rels, 'sharedStrings', 'xl/sharedStrings.xml');
  const stPart = partOf(zip, rels, 'styles', 'xl/styles.xml');
  const strings: SharedString[] = ssPart
    ? readSharedStrings(
        zip.read(ssPart) ?? new Uint8Array(0),
        ssPart,
        limits.maxCellChars,
        limits.maxCells,
      )
    : [];
  const styles: readonly CellStyle[] = stPart
    ? (zip.readParsed(stPart, STYLES, stPart, (bytes) => readStyles(bytes, stPart)) ??
      readStyles(new Uint8Array(0), stPart))
    : [];

  const ctx: SheetContext = { strings, styles, limits, counter: { cells: 0 } };
  const workbook = new Workbook(zip, sheets, date1904, warnings, ctx);
  return { ok: true, workbook };
}

/** The part a workbook relationship of this type names, or the usual part if it exists. */
function partOf(
  zip: ZipArchive,
  rels: readonly Relationship[],
  type: string,
  fallback: string,
): string | undefined {
  const r = rels.find((x) => x.type === type && !x.external && zip.has(x.target));
  return r ? r.target : zip.has(fallback) ? fallback : undefined;
}

/**
 * An open workbook: a class rather than an object of closures made for each file, so that V8
 * keeps the optimised code of `sheet` (see `SheetReader` in sheet.ts).
 */
class Workbook implements RawWorkbook {
  private readonly cache = new Map<string, RawSheet | ReadFailure>();

  constructor(
    private readonly zip: ZipArchive,
    readonly sheets: SheetInfo[],
    readonly date1904: boolean,
    readonly warnings: ReadWarning[],
    private readonly ctx: SheetContext,
  ) {}

  sheet(name: string): RawSheet | ReadFailure {
    const sheets = this.sheets;
    const info =
      sheets.find((s) => s.name === name) ??
      sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!info) {
      const f = fail('missing-sheet-part', `no sheet named "${name}"`);
      f.sheet = name;
      return f;
    }
    const hit = this.cache.get(info.name);
    if (hit) return hit;
    let result: RawSheet | ReadFailure;
    try {
      const bytes = this.zip.read(info.path) ?? new Uint8Array(0);
      result = readSheet(bytes, info.path, info.name, this.ctx);
    } catch (err) {
      result = fromError(err, info.name);
    }
    this.cache.set(info.name, result);
    return result;
  }
}
