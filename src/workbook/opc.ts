import { PartMemo, type ZipArchive } from '../ooxml/zip.js';
import { attr, parseXml } from './xml.js';

/**
 * The package layer (OPC): content types and relationships. Writers differ here more than
 * anywhere: Excel writes relative targets (`worksheets/sheet1.xml`), LibreOffice and some
 * online suites absolute ones (`/xl/worksheets/sheet1.xml`), some add `./` or `../`.
 */

export interface Relationship {
  id: string;
  /** Last segment of the relationship type URI, e.g. `worksheet`, `sharedStrings`. */
  type: string;
  /** Part name resolved against the source part, without a leading slash. */
  target: string;
  external: boolean;
}

/** Resolves a relationship target against the folder of the part that owns the rels. */
export function resolveTarget(sourcePart: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  let segments: string[];
  if (t.startsWith('/')) segments = [];
  else {
    segments = sourcePart.split('/');
    segments.pop();
  }
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return segments.join('/');
}

function relsPathFor(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? `_rels/${part}.rels` : `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

// Every unit's workbook has the template's relationships: parse each distinct one once.
const RELS = new PartMemo<readonly Relationship[]>();

/**
 * Relationships of a part (`''` for the package itself); undefined when the rels part is absent.
 * The list may be shared with other workbooks: do not change it.
 */
export function readRels(zip: ZipArchive, part: string): readonly Relationship[] | undefined {
  const path = part === '' ? '_rels/.rels' : relsPathFor(part);
  return zip.readParsed(path, RELS, `${path}\u0000${part}`, (bytes) =>
    parseRels(bytes, path, part),
  );
}

function parseRels(bytes: Uint8Array, path: string, part: string): Relationship[] {
  const rels: Relationship[] = [];
  parseXml(bytes, path, {
    open(name, a) {
      if (name !== 'Relationship') return;
      const id = attr(a, 'Id') ?? '';
      const typeUri = attr(a, 'Type') ?? '';
      const target = attr(a, 'Target') ?? '';
      const external = (attr(a, 'TargetMode') ?? '') === 'External';
      const type = typeUri.slice(typeUri.lastIndexOf('/') + 1);
      rels.push({
        id,
        type,
        target: external ? target : resolveTarget(part, decodeURIComponentSafe(target)),
        external,
      });
    },
  });
  return rels;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

export function readContentTypes(zip: ZipArchive): ContentTypes | undefined {
  const path = '[Content_Types].xml';
  const bytes = zip.read(path);
  if (!bytes) return undefined;
  const ct: ContentTypes = { defaults: new Map(), overrides: new Map() };
  parseXml(bytes, path, {
    open(name, a) {
      const type = attr(a, 'ContentType') ?? '';
      if (name === 'Default') ct.defaults.set((attr(a, 'Extension') ?? '').toLowerCase(), type);
      else if (name === 'Override') {
        ct.overrides.set((attr(a, 'PartName') ?? '').replace(/^\/+/, '').toLowerCase(), type);
      }
    },
  });
  return ct;
}

/** Content types of a spreadsheet's main part: workbook, macro-enabled, template, add-in. */
export function isWorkbookContentType(type: string): boolean {
  return /spreadsheetml\.(sheet|template)\.main\+xml$|ms-excel\.(sheet|template|addin)\.macroEnabled\.main\+xml$/i.test(
    type,
  );
}
