import type { FontRef, ParaFormat, RunFormat } from './model.js';
import { attr, child, intAttr, kids, type XmlElement } from './xml.js';

/**
 * Effective formatting the way Word computes it (ECMA-376 Part 1, 17.7.2): direct
 * formatting, then the character style chain, the paragraph style chain, the table style,
 * then the document defaults. Toggle properties (bold, italic, caps) set in styles combine
 * by exclusive OR across the style types (17.7.3); direct formatting sets them outright.
 */

type FontSlot = { name: string } | { theme: string };
export interface RawRPr {
  b?: boolean;
  i?: boolean;
  caps?: boolean;
  smallCaps?: boolean;
  sz?: number;
  color?: string;
  ascii?: FontSlot;
  hAnsi?: FontSlot;
  charSpacing?: number;
  scale?: number;
  vanish?: boolean;
  underline?: boolean;
  rStyle?: string;
}
export interface RawPPr {
  pStyle?: string;
  jc?: string;
  firstLine?: number;
  hanging?: number;
  left?: number;
  right?: number;
  before?: number;
  after?: number;
  line?: number;
  lineRule?: string;
  borderTop?: boolean;
  borderBottom?: boolean;
}

interface StyleDef {
  id: string;
  type: string;
  basedOn: string | undefined;
  isDefault: boolean;
  rPr: RawRPr;
  pPr: RawPPr;
  cellMarginLeft: number | undefined;
  cellMarginRight: number | undefined;
}

export interface ThemeFonts {
  major: { latin?: string; ea?: string; cs?: string };
  minor: { latin?: string; ea?: string; cs?: string };
}

/** `<w:b/>`, `<w:b w:val="true|1|on"/>` are on; `false|0|off` are off. */
function onOff(el: XmlElement | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = attr(el, 'w:val');
  return !(v === 'false' || v === '0' || v === 'off');
}

function fontSlot(el: XmlElement, name: string, themeName: string): FontSlot | undefined {
  const theme = attr(el, themeName);
  if (theme) return { theme };
  const n = attr(el, name);
  return n ? { name: n } : undefined;
}

export function parseRPr(el: XmlElement | undefined): RawRPr {
  const out: RawRPr = {};
  if (!el) return out;
  const set = <K extends keyof RawRPr>(k: K, v: RawRPr[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  set('b', onOff(child(el, 'w:b')));
  set('i', onOff(child(el, 'w:i')));
  set('caps', onOff(child(el, 'w:caps')));
  set('smallCaps', onOff(child(el, 'w:smallCaps')));
  set('vanish', onOff(child(el, 'w:vanish')));
  set('sz', intAttr(child(el, 'w:sz'), 'w:val'));
  const color = attr(child(el, 'w:color'), 'w:val');
  if (color) out.color = color.toLowerCase() === 'auto' ? 'auto' : color.toUpperCase();
  const fonts = child(el, 'w:rFonts');
  if (fonts) {
    set('ascii', fontSlot(fonts, 'w:ascii', 'w:asciiTheme'));
    set('hAnsi', fontSlot(fonts, 'w:hAnsi', 'w:hAnsiTheme'));
  }
  set('charSpacing', intAttr(child(el, 'w:spacing'), 'w:val'));
  set('scale', intAttr(child(el, 'w:w'), 'w:val'));
  const u = attr(child(el, 'w:u'), 'w:val');
  if (u !== undefined) out.underline = u !== 'none';
  set('rStyle', attr(child(el, 'w:rStyle'), 'w:val'));
  return out;
}

function borderOn(el: XmlElement | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = attr(el, 'w:val');
  return !(v === undefined || v === 'nil' || v === 'none');
}

export function parsePPr(el: XmlElement | undefined): RawPPr {
  const out: RawPPr = {};
  if (!el) return out;
  const set = <K extends keyof RawPPr>(k: K, v: RawPPr[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  set('pStyle', attr(child(el, 'w:pStyle'), 'w:val'));
  set('jc', attr(child(el, 'w:jc'), 'w:val'));
  const ind = child(el, 'w:ind');
  if (ind) {
    set('firstLine', intAttr(ind, 'w:firstLine'));
    set('hanging', intAttr(ind, 'w:hanging'));
    set('left', intAttr(ind, 'w:left') ?? intAttr(ind, 'w:start'));
    set('right', intAttr(ind, 'w:right') ?? intAttr(ind, 'w:end'));
    // A hanging indent cancels an inherited first-line indent and vice versa.
    if (out.hanging !== undefined && out.firstLine === undefined) out.firstLine = 0;
    if (out.firstLine !== undefined && out.hanging === undefined) out.hanging = 0;
  }
  const sp = child(el, 'w:spacing');
  if (sp) {
    set('before', intAttr(sp, 'w:before'));
    set('after', intAttr(sp, 'w:after'));
    set('line', intAttr(sp, 'w:line'));
    set('lineRule', attr(sp, 'w:lineRule'));
  }
  const bdr = child(el, 'w:pBdr');
  if (bdr) {
    out.borderTop = borderOn(child(bdr, 'w:top')) ?? false;
    out.borderBottom = borderOn(child(bdr, 'w:bottom')) ?? false;
  }
  return out;
}

/** Later objects win, property by property. */
function merge<T extends object>(...layers: T[]): T {
  const out = {} as T;
  for (const l of layers) {
    for (const [k, v] of Object.entries(l))
      if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

export function parseThemeFonts(theme: XmlElement | undefined): ThemeFonts | undefined {
  if (!theme) return undefined;
  const find = (el: XmlElement, name: string): XmlElement | undefined => {
    if (el.name === name) return el;
    for (const k of kids(el)) {
      const f = find(k, name);
      if (f) return f;
    }
    return undefined;
  };
  const scheme = find(theme, 'a:fontScheme');
  if (!scheme) return undefined;
  const read = (el: XmlElement | undefined): { latin?: string; ea?: string; cs?: string } => {
    const o: { latin?: string; ea?: string; cs?: string } = {};
    const l = attr(child(el, 'a:latin'), 'typeface');
    const e = attr(child(el, 'a:ea'), 'typeface');
    const c = attr(child(el, 'a:cs'), 'typeface');
    if (l) o.latin = l;
    if (e) o.ea = e;
    if (c) o.cs = c;
    return o;
  };
  return { major: read(child(scheme, 'a:majorFont')), minor: read(child(scheme, 'a:minorFont')) };
}

export class StyleSheet {
  private readonly styles = new Map<string, StyleDef>();
  readonly defaultRPr: RawRPr;
  readonly defaultPPr: RawPPr;
  private readonly defaultParagraphStyle: string | undefined;
  private readonly defaultTableStyle: string | undefined;
  private readonly defaultCharStyle: string | undefined;
  readonly unknownStyles = new Set<string>();

  constructor(
    stylesXml: XmlElement | undefined,
    private readonly theme: ThemeFonts | undefined,
  ) {
    const dd = child(stylesXml, 'w:docDefaults');
    this.defaultRPr = parseRPr(child(child(dd, 'w:rPrDefault'), 'w:rPr'));
    this.defaultPPr = parsePPr(child(child(dd, 'w:pPrDefault'), 'w:pPr'));
    let dp: string | undefined;
    let dt: string | undefined;
    let dc: string | undefined;
    for (const s of kids(stylesXml, 'w:style')) {
      const id = attr(s, 'w:styleId');
      if (!id) continue;
      const type = attr(s, 'w:type') ?? 'paragraph';
      const dv = attr(s, 'w:default');
      const isDefault = dv === '1' || dv === 'true' || dv === 'on';
      const mar = child(child(s, 'w:tblPr'), 'w:tblCellMar');
      this.styles.set(id, {
        id,
        type,
        basedOn: attr(child(s, 'w:basedOn'), 'w:val'),
        isDefault,
        rPr: parseRPr(child(s, 'w:rPr')),
        pPr: parsePPr(child(s, 'w:pPr')),
        cellMarginLeft: intAttr(child(mar, 'w:left') ?? child(mar, 'w:start'), 'w:w'),
        cellMarginRight: intAttr(child(mar, 'w:right') ?? child(mar, 'w:end'), 'w:w'),
      });
      if (isDefault && type === 'paragraph') dp = id;
      if (isDefault && type === 'table') dt = id;
      if (isDefault && type === 'character') dc = id;
    }
    this.defaultParagraphStyle = dp;
    this.defaultTableStyle = dt;
    this.defaultCharStyle = dc;
  }

  /** The basedOn chain, root first; cycles and unknown ids stop the walk. */
  private chain(id: string | undefined): StyleDef[] {
    const out: StyleDef[] = [];
    const seen = new Set<string>();
    let cur = id;
    while (cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      const s = this.styles.get(cur);
      if (!s) {
        this.unknownStyles.add(cur);
        break;
      }
      out.unshift(s);
      cur = s.basedOn;
    }
    return out;
  }

  private chainRPr(id: string | undefined): RawRPr {
    return merge<RawRPr>({}, ...this.chain(id).map((s) => s.rPr));
  }
  private chainPPr(id: string | undefined): RawPPr {
    return merge<RawPPr>({}, ...this.chain(id).map((s) => s.pPr));
  }

  paragraphStyleId(direct: RawPPr): string | undefined {
    return direct.pStyle ?? this.defaultParagraphStyle;
  }
  tableStyleId(direct: string | undefined): string | undefined {
    return direct ?? this.defaultTableStyle;
  }

  /** Cell margins from the table style chain (Word's Table Normal gives 108 twips). */
  tableCellMargins(tableStyle: string | undefined): { left?: number; right?: number } {
    const o: { left?: number; right?: number } = {};
    for (const s of this.chain(tableStyle)) {
      if (s.cellMarginLeft !== undefined) o.left = s.cellMarginLeft;
      if (s.cellMarginRight !== undefined) o.right = s.cellMarginRight;
    }
    return o;
  }

  paraFormat(direct: RawPPr, tableStyle: string | undefined): ParaFormat {
    const p = merge<RawPPr>(
      this.defaultPPr,
      tableStyle !== undefined ? this.chainPPr(tableStyle) : {},
      this.chainPPr(this.paragraphStyleId(direct)),
      direct,
    );
    return {
      jc: p.jc ?? 'left',
      firstLine: p.firstLine ?? 0,
      hanging: p.hanging ?? 0,
      left: p.left ?? 0,
      right: p.right ?? 0,
      before: p.before ?? 0,
      after: p.after ?? 0,
      line: p.line ?? 240,
      lineRule: p.lineRule ?? 'auto',
      borderTop: p.borderTop ?? false,
      borderBottom: p.borderBottom ?? false,
    };
  }

  runFormat(direct: RawRPr, paraDirect: RawPPr, tableStyle: string | undefined): RunFormat {
    const charStyle = this.chainRPr(direct.rStyle ?? this.defaultCharStyle);
    const paraStyle = this.chainRPr(this.paragraphStyleId(paraDirect));
    const tblStyle = tableStyle !== undefined ? this.chainRPr(tableStyle) : {};
    // Non-toggle properties: nearest level wins.
    const m = merge<RawRPr>(this.defaultRPr, tblStyle, paraStyle, charStyle, direct);
    const toggle = (k: 'b' | 'i' | 'caps' | 'smallCaps'): boolean => {
      const d = direct[k];
      if (d !== undefined) return d;
      const levels = [charStyle[k], paraStyle[k], tblStyle[k]].filter(
        (v): v is boolean => v !== undefined,
      );
      if (levels.length === 0) return this.defaultRPr[k] ?? false;
      return levels.reduce((a, b) => a !== b, false);
    };
    return {
      bold: toggle('b'),
      italic: toggle('i'),
      caps: toggle('caps'),
      smallCaps: toggle('smallCaps'),
      // ECMA-376 17.3.2.38: without any w:sz the size is 10 pt.
      size: m.sz ?? 20,
      color: m.color ?? 'auto',
      ascii: this.font(m.ascii),
      hAnsi: this.font(m.hAnsi),
      charSpacing: m.charSpacing ?? 0,
      scale: m.scale ?? 100,
      underline: m.underline ?? false,
    };
  }

  hidden(direct: RawRPr, paraDirect: RawPPr): boolean {
    const m = merge<RawRPr>(
      this.defaultRPr,
      this.chainRPr(this.paragraphStyleId(paraDirect)),
      this.chainRPr(direct.rStyle ?? this.defaultCharStyle),
      direct,
    );
    return m.vanish === true;
  }

  private font(slot: FontSlot | undefined): FontRef {
    if (!slot) {
      return { unresolved: 'không có phông nào được đặt (tệp không khai báo phông mặc định)' };
    }
    if ('name' in slot) return { name: slot.name };
    if (!this.theme) {
      return {
        unresolved: `phông chủ đề "${slot.theme}" nhưng tệp không có word/theme/theme1.xml`,
      };
    }
    const group = slot.theme.startsWith('major') ? this.theme.major : this.theme.minor;
    const kind = slot.theme.replace(/^(major|minor)/, '');
    const face = kind === 'EastAsia' ? group.ea : kind === 'Bidi' ? group.cs : group.latin;
    return face
      ? { name: face }
      : { unresolved: `phông chủ đề "${slot.theme}" không có tên trong theme1.xml` };
  }
}
