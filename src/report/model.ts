/**
 * The report as pure data: what the DOCX renderer draws, with no docx types in it, so the
 * pipeline can build it from aggregated numbers and texts and tests can write it as a literal.
 * Every string is printed as given (NFC Vietnamese); the renderer only adds the punctuation and
 * layout that ND30 fixes (the `- ` and `;`/`.` of Nơi nhận, `Số: `, the date words, `./.`).
 */

/**
 * Font sizes in points. ND30 Phụ lục I, Mục V footnote 1: sizes move together, the two examples
 * being Quốc hiệu 13 / Tiêu ngữ 14 / date 14 and Quốc hiệu 12 / Tiêu ngữ 13 / date 13.
 */
export interface FontSizes {
  /** Quốc hiệu, 12-13 (II.1.a). */
  quocHieu: number;
  /** Tiêu ngữ, 13-14 (II.1.b); equals the place-date size. */
  tieuNgu: number;
  /** Place and date line, 13-14 italic (II.4.c). */
  placeDate: number;
  /** Agency lines, 12-13 (II.2.b). */
  agency: number;
  /** `Số: ...`, always 13 (II.3.c). */
  so: number;
  /** Tên loại and trích yếu, 13-14 (II.5.b). */
  title: number;
  /** Body text and headings, 13-14 (II.6.e). */
  body: number;
  /** Signer lines and name, 13-14 (II.7.c-đ). */
  signer: number;
  /** `Nơi nhận:`, 12 (II.9.d). */
  noiNhanLabel: number;
  /** Nơi nhận items, 11 (II.9.d). */
  noiNhanItem: number;
  /** Page number, 13-14 (I.7). */
  pageNumber: number;
  /** Text inside tables: ND30 sets none; practice 12-13. */
  table: number;
  /** `Phụ lục I`, 14 (III.1.b). */
  appendixNumber: number;
  /** Appendix title and its `(Kèm theo ...)` line, 13-14 (III.1.b-c). */
  appendixTitle: number;
}

export type SizeSet = '13/14' | '12/13';

/** The two size sets of ND30 Phụ lục I, Mục V footnote 1. */
export function fontSizes(set: SizeSet): FontSizes {
  const big = set === '13/14';
  return {
    quocHieu: big ? 13 : 12,
    tieuNgu: big ? 14 : 13,
    placeDate: big ? 14 : 13,
    agency: big ? 13 : 12,
    so: 13,
    title: big ? 14 : 13,
    body: big ? 14 : 13,
    signer: big ? 14 : 13,
    noiNhanLabel: 12,
    noiNhanItem: 11,
    pageNumber: big ? 14 : 13,
    table: 12,
    appendixNumber: 14,
    appendixTitle: big ? 14 : 13,
  };
}

/** A signed date, or a draft that leaves day and month blank as Mẫu 1.4 does before signing. */
export type ReportDate =
  { year: number; month: number; day: number } | { year: number; draft: true };

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/**
 * Headings of ND30 Phụ lục I, II.6.đ and §3.7 of nd30-format.md, all at body size:
 * - level 1, mục: `I. TITLE`, CAPS bold (the renderer upper-cases `text`);
 * - level 2, khoản with a title: `1. Title`, bold;
 * - level 3, điểm with a title: `a) Title`, italic. The decree prints an untitled điểm as a
 *   regular body paragraph; a titled one is italic in district practice (§3.7 PRACTICE), which
 *   keeps it visibly below the bold khoản without a third bold level.
 */
export interface HeadingBlock {
  kind: 'heading';
  level: 1 | 2 | 3;
  /** The outline's number or letter without punctuation: `I`, `1`, `a`. */
  label: string;
  text: string;
}

/** A body paragraph: justified, first line 1 cm. */
export interface ParagraphBlock {
  kind: 'paragraph';
  runs: TextRun[];
}

/** A `- ` line (the renderer adds the dash when the first run lacks it). */
export interface BulletBlock {
  kind: 'bullet';
  runs: TextRun[];
}

export type Align = 'left' | 'center' | 'right';

export interface TableColumn {
  /** Relative width; the renderer scales the columns to the text width in twips. */
  width: number;
  /** Alignment of the body cells; numbers right. Header cells are always centred. */
  align: Align;
}

export interface HeaderCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

export interface TableModel {
  columns: TableColumn[];
  /** Header rows, repeated on each page; a plain string is a cell spanning one column. */
  header: (string | HeaderCell)[][];
  rows: string[][];
  /** A bold total row after the body rows. */
  total?: string[];
}

export interface TableBlock {
  kind: 'table';
  table: TableModel;
}

export type Block = HeadingBlock | ParagraphBlock | BulletBlock | TableBlock;

export interface Signer {
  /** `TM. ỦY BAN NHÂN DÂN`, when the block signs for the collective (ND30 Điều 13.2). */
  tm?: string;
  /** `KT. CHỦ TỊCH`, `TL. CHỦ TỊCH`, ...; absent when the head signs in person. */
  authority?: string;
  /** `PHÓ CHỦ TỊCH`, `CHỦ TỊCH`. */
  title: string;
  /** `Lê Quang Trung`, printed as given (proper-name capitals, not CAPS). */
  name: string;
}

export interface Appendix {
  /** Roman numeral: `I`, `II` (III.1.a). */
  number: string;
  /** Printed in CAPS (the renderer upper-cases it). */
  title: string;
  /**
   * The whole `(Kèm theo Báo cáo số .../BC-UBND ngày ... của ...)` line with its brackets; see
   * `kemTheoLine` in format.ts, which also writes the draft form.
   */
  reference: string;
  orientation: 'portrait' | 'landscape';
  blocks: Block[];
}

export interface DocumentProperties {
  title: string;
  subject: string;
  /** The issuing agency. */
  creator: string;
  keywords: string;
  description: string;
  /** ISO 8601 date-time written as created and modified; no clock is read. */
  date: string;
}

export interface ReportModel {
  sizes: FontSizes;
  agency: {
    /** Parent agency line(s), CAPS, not bold (II.2.b); none for a UBND huyện. */
    parent?: string[];
    /** The issuer's name as printed, CAPS, bold: ['ỦY BAN NHÂN DÂN', 'HUYỆN TRIỆU SƠN']. */
    name: string[];
  };
  /** `125`; null leaves the draft blank. Numbers below 10 are padded (`5` -> `05`). */
  number: string | null;
  /** Ký hiệu: `BC-UBND`. */
  code: string;
  /** Địa danh: `Triệu Sơn`. */
  place: string;
  date: ReportDate;
  /** Tên loại: `BÁO CÁO`. */
  documentType: string;
  /** Trích yếu, one paragraph per line. */
  trichYeu: string[];
  /** One recipient is printed inline; several as `- X;` lines, the last ending `.`. */
  kinhGui?: string[];
  body: Block[];
  /** `./.`, appended to the last body paragraph. */
  closing: string;
  signer: Signer;
  /** Items without dash or final punctuation; the last is the `Lưu: VT, ...` line. */
  noiNhan: string[];
  appendices: Appendix[];
  properties: DocumentProperties;
}

/** A number of the listing with the decimals the report prints it with; text as printed. */
export type ListingCell = string | { value: number; decimals: number } | null;

/**
 * One sheet of the per-unit listing sent with a very large report (a spreadsheet, so a clerk
 * can filter and sum 10,000 rows, which no printed page can show).
 */
export interface ListingSheet {
  /** Sheet name, at most 31 characters: `Biểu 08`, `Tiếp nhận`. */
  name: string;
  /** The table's title, printed above its header. */
  title: string;
  header: string[];
  rows: ListingCell[][];
}
