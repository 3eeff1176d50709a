/**
 * The document model the checks read: what Word would show, not how the XML spells it.
 * Every run and paragraph carries its effective formatting, computed by `styles.ts` the way
 * Word does (direct formatting, character style, paragraph style, table style, defaults).
 */

/** A font slot after theme resolution; `unresolved` says why it could not be known. */
export type FontRef = { name: string } | { unresolved: string };

export interface RunFormat {
  bold: boolean;
  italic: boolean;
  /** `w:caps`: shown in capitals whatever the typed case. */
  caps: boolean;
  smallCaps: boolean;
  /** Half-points (`w:sz`), 28 = 14 pt. */
  size: number;
  /** `auto` or six hex digits, upper case. */
  color: string;
  /** The slots Word uses for Latin text (Vietnamese letters fall in the hAnsi ranges). */
  ascii: FontRef;
  hAnsi: FontRef;
  /** Extra space between characters, twips (`w:spacing` in rPr). */
  charSpacing: number;
  /** Horizontal scale in percent (`w:w`). */
  scale: number;
  underline: boolean;
}

export interface Run {
  /** Visible text (field instructions and hidden text excluded), NFC. */
  text: string;
  fmt: RunFormat;
  /** Set on runs that carry a field instruction (text is then empty). */
  instr?: string;
}

export interface ParaFormat {
  /** `w:jc`: left, center, right, both, distribute, start, end. */
  jc: string;
  firstLine: number;
  hanging: number;
  left: number;
  right: number;
  before: number;
  after: number;
  /** `w:spacing/@w:line` (240 = single with lineRule auto). */
  line: number;
  lineRule: string;
  borderTop: boolean;
  borderBottom: boolean;
}

export interface Where {
  part: 'body' | 'header' | 'footer';
  /** 1-based index of a top-level body paragraph. */
  paragraph?: number;
  /** 1-based table index (top-level tables of the body), then row, cell, paragraph in cell. */
  table?: number;
  row?: number;
  cell?: number;
  cellParagraph?: number;
}

export interface Paragraph {
  kind: 'p';
  where: Where;
  /** Section (0-based) the paragraph belongs to. */
  section: number;
  text: string;
  runs: Run[];
  fmt: ParaFormat;
  /** Completed field instructions in this paragraph, e.g. `PAGE`. */
  fields: string[];
  /** Widths in twips of drawn shapes anchored here; NaN when a shape's width is unknown. */
  shapes: number[];
  /** This paragraph carries a `w:sectPr`: a section ends after it. */
  endsSection: boolean;
  /** Size (half-points) of the paragraph mark, used for empty lines. */
  markSize: number;
}

export interface Cell {
  /** Width in twips from the grid (preferred) or `tcW` in dxa; undefined when unknown. */
  width: number | undefined;
  marginLeft: number;
  marginRight: number;
  blocks: Block[];
}

export interface Row {
  cells: Cell[];
}

export interface Table {
  kind: 'table';
  where: Where;
  section: number;
  rows: Row[];
  grid: number[];
  /** Any visible border on the table or its cells. */
  bordered: boolean;
}

export type Block = Paragraph | Table;

export interface Section {
  index: number;
  pageWidth: number | undefined;
  pageHeight: number | undefined;
  orient: 'portrait' | 'landscape';
  margins: {
    top: number | undefined;
    bottom: number | undefined;
    left: number | undefined;
    right: number | undefined;
  };
  titlePg: boolean;
  /** Header and footer parts in force, after inheritance from earlier sections. */
  headers: { default?: HeaderPart; first?: HeaderPart; even?: HeaderPart };
  footers: { default?: HeaderPart; first?: HeaderPart; even?: HeaderPart };
  pgNumStart: number | undefined;
}

export interface HeaderPart {
  part: string;
  blocks: Block[];
}

export interface DocModel {
  sections: Section[];
  blocks: Block[];
  /** Notes on what could not be resolved (missing theme, unknown style ids). */
  notes: string[];
}

/** Every paragraph of a block list, tables included, in reading order. */
export function allParagraphs(blocks: readonly Block[]): Paragraph[] {
  const out: Paragraph[] = [];
  const walk = (bs: readonly Block[]): void => {
    for (const b of bs) {
      if (b.kind === 'p') out.push(b);
      else for (const r of b.rows) for (const c of r.cells) walk(c.blocks);
    }
  };
  walk(blocks);
  return out;
}
