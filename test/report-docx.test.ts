/**
 * The report DOCX against ND30 (nd30-format.md §1-§5, §9), read back from the zip as XML.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openZip } from '../src/ooxml/zip.js';
import { renderReport } from '../src/report/pack.js';
import { trieuSonSample } from '../src/report/sample.js';
import type { ReportModel } from '../src/report/model.js';

interface Docx {
  part(name: string): string;
}

async function render(model: ReportModel): Promise<Docx> {
  const bytes = await renderReport(model);
  expect(bytes).toBeInstanceOf(Uint8Array);
  const opened = openZip(bytes);
  if (!opened.ok) throw new Error(`not a zip: ${opened.problem}`);
  const zip = opened.zip;
  return {
    part(name) {
      const b = zip.read(name);
      if (!b) throw new Error(`missing part ${name}`);
      return new TextDecoder().decode(b);
    },
  };
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');

const paragraphs = (xml: string) => xml.match(/<w:p[ >].*?<\/w:p>/gs) ?? [];
const runsOf = (xml: string) => xml.match(/<w:r>.*?<\/w:r>/gs) ?? [];
const textOf = (xml: string) =>
  unescape([...xml.matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/gs)].map((m) => m[1]).join(''));
const tables = (xml: string) => {
  // Top-level tables only (none of ours nest).
  return xml.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [];
};
const attr = (xml: string, el: string, name: string) =>
  new RegExp(`<${el}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];
const size = (run: string) => Number(attr(run, 'w:sz', 'w:val'));
const isBold = (run: string) => /<w:b\/>|<w:b w:val="(true|1|on)"\/>/.test(run);
const isItalic = (run: string) => /<w:i\/>|<w:i w:val="(true|1|on)"\/>/.test(run);

function paragraphWith(xml: string, text: string | RegExp): string {
  const p = paragraphs(xml).find((p) =>
    typeof text === 'string' ? textOf(p) === text : text.test(textOf(p)),
  );
  if (!p) throw new Error(`no paragraph ${String(text)}`);
  return p;
}

describe('report DOCX (signed)', () => {
  let doc: Docx;
  let xml: string;
  let styles: string;
  beforeAll(async () => {
    doc = await render(trieuSonSample());
    xml = doc.part('word/document.xml');
    styles = doc.part('word/styles.xml');
  });

  it('is A4 portrait with margins inside the ND30 ranges', () => {
    const sect = xml.match(/<w:sectPr>.*?<\/w:sectPr>/gs) ?? [];
    const main = sect[0] ?? '';
    expect(attr(main, 'w:pgSz', 'w:w')).toBe('11906');
    expect(attr(main, 'w:pgSz', 'w:h')).toBe('16838');
    const m = (n: string) => Number(attr(main, 'w:pgMar', n));
    expect(m('w:top')).toBeGreaterThanOrEqual(1134);
    expect(m('w:top')).toBeLessThanOrEqual(1417);
    expect(m('w:bottom')).toBeGreaterThanOrEqual(1134);
    expect(m('w:bottom')).toBeLessThanOrEqual(1417);
    expect(m('w:left')).toBeGreaterThanOrEqual(1701);
    expect(m('w:left')).toBeLessThanOrEqual(1984);
    expect(m('w:right')).toBeGreaterThanOrEqual(850);
    expect(m('w:right')).toBeLessThanOrEqual(1134);
  });

  it('uses Times New Roman in every font slot, black, vi-VN, and no theme fonts', () => {
    const all = [styles, xml, doc.part('word/header1.xml')].join('');
    const fonts = all.match(/<w:rFonts [^>]*\/>/g) ?? [];
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      for (const slot of ['w:ascii', 'w:hAnsi', 'w:eastAsia', 'w:cs']) {
        expect(attr(f, 'w:rFonts', slot), f).toBe('Times New Roman');
      }
      expect(f).not.toMatch(/Theme=/);
    }
    const docDefaults = /<w:docDefaults>.*?<\/w:docDefaults>/s.exec(styles)?.[0] ?? '';
    expect(docDefaults).toMatch(/w:ascii="Times New Roman"/);
    expect(attr(docDefaults, 'w:lang', 'w:val')).toBe('vi-VN');
    for (const c of all.match(/<w:color [^>]*\/>/g) ?? []) {
      expect(['000000', 'auto']).toContain(attr(c, 'w:color', 'w:val'));
      expect(c).not.toMatch(/themeColor/);
    }
  });

  it('defines real styles: Body Text justified with 1 cm first line, headings, table text', () => {
    const style = (id: string) =>
      new RegExp(`<w:style [^>]*w:styleId="${id}".*?</w:style>`, 's').exec(styles)?.[0] ?? '';
    const body = style('BodyText');
    expect(attr(body, 'w:jc', 'w:val')).toBe('both');
    expect(attr(body, 'w:ind', 'w:firstLine')).toBe('567');
    expect(Number(attr(body, 'w:spacing', 'w:before'))).toBeGreaterThanOrEqual(120);
    const line = Number(attr(body, 'w:spacing', 'w:line'));
    expect(line).toBeGreaterThanOrEqual(240);
    expect(line).toBeLessThanOrEqual(360);
    expect(style('Heading1')).toMatch(/<w:b\/>/);
    expect(style('Heading2')).toMatch(/<w:b\/>/);
    expect(style('Heading3')).toMatch(/<w:i\/>/);
    expect(attr(style('Heading1'), 'w:sz', 'w:val')).toBe('28');
    expect(attr(style('TableText'), 'w:sz', 'w:val')).toBe('24');
    // Body paragraphs and headings use the styles rather than formatting on each run.
    expect(paragraphWith(xml, 'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH')).toMatch(
      /<w:pStyle w:val="Heading1"\/>/,
    );
    expect(paragraphWith(xml, '1. Lĩnh vực chính trị')).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(paragraphWith(xml, 'a) Tỷ lệ nữ tham gia cấp ủy')).toMatch(
      /<w:pStyle w:val="Heading3"\/>/,
    );
    const para = paragraphWith(xml, /^Ủy ban nhân dân huyện đã ban hành/);
    expect(para).toMatch(/<w:pStyle w:val="BodyText"\/>/);
    expect(para).not.toMatch(/<w:sz /);
  });

  it('draws the header as a fixed borderless table with dxa widths on grid and cells', () => {
    const header = tables(xml)[0] ?? '';
    expect(header).toMatch(/<w:tblLayout w:type="fixed"\/>/);
    const grid = [...header.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(2);
    expect(grid[1]).toBeGreaterThanOrEqual(5670);
    const cells = [...header.matchAll(/<w:tcW ([^>]*)\/>/g)].map((m) => m[1] ?? '');
    expect(cells).toHaveLength(4);
    for (const [i, c] of cells.entries()) {
      expect(c).toMatch(/w:type="dxa"/);
      expect(c).toContain(`w:w="${grid[i % 2]}"`);
    }
    expect(attr(header, 'w:tblInd', 'w:w')).toBe('-199');
    for (const side of ['top', 'bottom', 'left', 'right', 'insideH', 'insideV']) {
      expect(attr(header, `w:${side}`, 'w:val')).toBe('none');
    }
  });

  it('sets Quốc hiệu, Tiêu ngữ, agency, Số and the date as ND30 says', () => {
    const header = tables(xml)[0] ?? '';
    const run = (text: string) => {
      const r = runsOf(header).find((r) => textOf(r) === text);
      if (!r) throw new Error(`no run ${text}`);
      return r;
    };
    const qh = run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(isBold(qh) && size(qh)).toBe(26);
    const tn = run('Độc lập - Tự do - Hạnh phúc');
    expect(isBold(tn) && size(tn)).toBe(28);
    for (const name of ['ỦY BAN NHÂN DÂN', 'HUYỆN TRIỆU SƠN']) {
      const r = run(name);
      expect(isBold(r) && size(r)).toBe(26);
    }
    const so = run('Số: 125/BC-UBND');
    expect(size(so)).toBe(26);
    expect(isBold(so) || isItalic(so)).toBe(false);
    const date = run('Triệu Sơn, ngày 05 tháng 7 năm 2022');
    expect(isItalic(date) && size(date)).toBe(28);
    // Số and the date share the second row of the header table.
    const rows = header.match(/<w:tr>.*?<\/w:tr>/gs) ?? [];
    expect(rows).toHaveLength(2);
    expect(textOf(rows[1] ?? '')).toBe('Số: 125/BC-UBNDTriệu Sơn, ngày 05 tháng 7 năm 2022');
  });

  it('draws the rules: Tiêu ngữ-long under the Tiêu ngữ, 1/3-1/2 under the agency name', () => {
    const header = tables(xml)[0] ?? '';
    const cellsXml = header.match(/<w:tc>.*?<\/w:tc>/gs) ?? [];
    const ruleLength = (cell: string, cellWidth: number) => {
      const p = paragraphs(cell).find((p) => /<w:bottom /.test(p) && textOf(p) === '');
      if (!p) throw new Error('no rule');
      const left = Number(attr(p, 'w:ind', 'w:left'));
      const right = Number(attr(p, 'w:ind', 'w:right'));
      return cellWidth - 2 * 85 - left - right;
    };
    // Liberation Serif widths from nd30-format.md §3.1/§3.2 (in cm), at 567 twips per cm.
    const tn = ruleLength(cellsXml[1] ?? '', 5670) / 567;
    expect(tn).toBeGreaterThan(6.0);
    expect(tn).toBeLessThan(6.1);
    const agency = ruleLength(cellsXml[0] ?? '', 3829) / 567;
    expect(agency).toBeGreaterThanOrEqual(4.32 / 3);
    expect(agency).toBeLessThanOrEqual(4.32 / 2);
  });

  it('writes the title, trích yếu, Kính gửi and the closing mark', () => {
    const title = paragraphWith(xml, 'BÁO CÁO');
    expect(attr(title, 'w:jc', 'w:val')).toBe('center');
    expect(isBold(runsOf(title)[0] ?? '')).toBe(true);
    const ty = paragraphWith(xml, /^Kết quả thực hiện mục tiêu quốc gia/);
    expect(attr(ty, 'w:jc', 'w:val')).toBe('center');
    expect(isBold(runsOf(ty)[0] ?? '')).toBe(true);
    expect(textOf(ty)).not.toMatch(/^V\/v/);
    const kg = paragraphWith(xml, /^Kính gửi: /);
    expect(textOf(kg)).toBe('Kính gửi: Sở Lao động - Thương binh và Xã hội tỉnh Thanh Hóa');
    const last = paragraphWith(xml, /^Tiếp tục tuyên truyền/);
    expect(textOf(last)).toMatch(/địa phương\.\/\.$/);
  });

  it('writes several Kính gửi recipients as dashed lines, the last ending with a full stop', async () => {
    const model = trieuSonSample();
    model.kinhGui = ['Sở Lao động - Thương binh và Xã hội', 'Sở Kế hoạch và Đầu tư'];
    const x = (await render(model)).part('word/document.xml');
    const texts = paragraphs(x).map(textOf);
    const i = texts.findIndex((t) => t.startsWith('Kính gửi:'));
    expect(texts[i]).toBe('Kính gửi:- Sở Lao động - Thương binh và Xã hội;');
    expect(texts[i + 1]).toBe('- Sở Kế hoạch và Đầu tư.');
  });

  it('lays out the signature: Nơi nhận 12 bold italic, items 11 with ND30 punctuation, signer bold', () => {
    const sig = tables(xml).find((t) => /Nơi nhận:/.test(t)) ?? '';
    expect(sig).toMatch(/<w:tblLayout w:type="fixed"\/>/);
    for (const c of sig.match(/<w:tcW ([^>]*)\/>/g) ?? []) expect(c).toMatch(/w:type="dxa"/);
    const cellsXml = sig.match(/<w:tc>.*?<\/w:tc>/gs) ?? [];
    const left = paragraphs(cellsXml[0] ?? '');
    const label = runsOf(left[0] ?? '')[0] ?? '';
    expect(textOf(label)).toBe('Nơi nhận:');
    expect(isBold(label) && isItalic(label) && size(label)).toBe(24);
    const items = left.slice(1);
    expect(items.map(textOf)).toEqual([
      '- Như trên;',
      '- TT Huyện ủy, TT HĐND huyện (b/c);',
      '- Chủ tịch, các PCT UBND huyện;',
      '- Lưu: VT, LĐTBXH.',
    ]);
    for (const p of items) expect(size(runsOf(p)[0] ?? '')).toBe(22);
    const right = paragraphs(cellsXml[1] ?? '');
    expect(right.map(textOf)).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Lê Quang Trung']);
    for (const p of right) {
      expect(attr(p, 'w:jc', 'w:val')).toBe('center');
      const r = runsOf(p)[0] ?? '';
      expect(isBold(r) && size(r)).toBe(28);
    }
    // Room to sign and seal: at least 4 lines of 14 pt between the title and the name.
    expect(Number(attr(right[2] ?? '', 'w:spacing', 'w:before'))).toBeGreaterThanOrEqual(4 * 280);
  });

  it('numbers pages from 2 in a centred header and shows none on page 1', () => {
    const sects = xml.match(/<w:sectPr>.*?<\/w:sectPr>/gs) ?? [];
    expect(sects).toHaveLength(3);
    const rels = doc.part('word/_rels/document.xml.rels');
    for (const s of sects) {
      expect(s).toMatch(/<w:titlePg\/>/);
      const ref = (type: string) => {
        const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(s)?.[1];
        const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
        if (!target) throw new Error(`no ${type} header`);
        return doc.part(`word/${target}`);
      };
      const first = ref('first');
      expect(textOf(first)).toBe('');
      expect(first).not.toMatch(/PAGE/);
      const def = ref('default');
      expect(def).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>|w:instr="\s*PAGE\s*"/);
      const p = paragraphs(def)[0] ?? '';
      expect(attr(p, 'w:jc', 'w:val')).toBe('center');
      expect([26, 28]).toContain(size(runsOf(p)[0] ?? ''));
    }
  });

  it('puts each appendix in its own section, numbered from 1, landscape when wide', () => {
    const sects = xml.match(/<w:sectPr>.*?<\/w:sectPr>/gs) ?? [];
    const [, one, two] = sects;
    expect(attr(one ?? '', 'w:pgNumType', 'w:start')).toBe('1');
    expect(attr(two ?? '', 'w:pgNumType', 'w:start')).toBe('1');
    expect(attr(one ?? '', 'w:pgSz', 'w:orient')).toBe('landscape');
    expect(attr(one ?? '', 'w:pgSz', 'w:w')).toBe('16838');
    expect(attr(one ?? '', 'w:pgSz', 'w:h')).toBe('11906');
    expect(attr(two ?? '', 'w:pgSz', 'w:w')).toBe('11906');
    const heading = paragraphWith(xml, 'Phụ lục I');
    expect(attr(heading, 'w:jc', 'w:val')).toBe('center');
    const r = runsOf(heading)[0] ?? '';
    expect(isBold(r) && size(r)).toBe(28);
    const title = paragraphWith(xml, 'KẾT QUẢ GIẢI QUYẾT VIỆC LÀM THEO GIỚI 6 THÁNG ĐẦU NĂM 2022');
    expect(isBold(runsOf(title)[0] ?? '')).toBe(true);
    const ref = paragraphWith(xml, /^\(Kèm theo Báo cáo số 125\/BC-UBND ngày 05 tháng 7/);
    expect(textOf(ref)).toBe(
      '(Kèm theo Báo cáo số 125/BC-UBND ngày 05 tháng 7 năm 2022 của Ủy ban nhân dân huyện Triệu Sơn)',
    );
    expect(isItalic(runsOf(ref)[0] ?? '')).toBe(true);
  });

  it('repeats appendix table headers on each page, with dxa widths that add up', () => {
    const wide = tables(xml).find((t) => /Xã, thị trấn/.test(t)) ?? '';
    const rows = wide.match(/<w:tr>.*?<\/w:tr>/gs) ?? [];
    expect(rows[0]).toMatch(/<w:tblHeader\/>/);
    expect(rows[1]).toMatch(/<w:tblHeader\/>/);
    expect(rows[2]).not.toMatch(/<w:tblHeader\/>/);
    const grid = [...wide.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(16838 - 1871 - 1021);
    expect(wide).toMatch(/<w:tblLayout w:type="fixed"\/>/);
    for (const c of wide.match(/<w:tcW [^>]*\/>/g) ?? []) expect(c).toMatch(/w:type="dxa"/);
    // A body row: figures right-aligned in Table Text.
    const row = rows[2] ?? '';
    const ps = paragraphs(row);
    expect(ps[0]).toMatch(/<w:pStyle w:val="TableText"\/>/);
    expect(attr(ps[2] ?? '', 'w:jc', 'w:val')).toBe('right');
    // The body table's total row is bold.
    const bodyTable = tables(xml).find((t) => /Tổng cộng/.test(t)) ?? '';
    const total = (bodyTable.match(/<w:tr>.*?<\/w:tr>/gs) ?? []).at(-1) ?? '';
    for (const r of runsOf(total)) expect(isBold(r)).toBe(true);
  });

  it('writes the document properties given, with no clock', () => {
    const core = doc.part('docProps/core.xml');
    expect(core).toContain('<dc:creator>Ủy ban nhân dân huyện Triệu Sơn</dc:creator>');
    expect(core).toContain('<dc:title>Báo cáo kết quả thực hiện mục tiêu quốc gia');
    expect(core).toContain('>2022-07-05T00:00:00Z</dcterms:created>');
    expect(core).toContain('>2022-07-05T00:00:00Z</dcterms:modified>');
  });
});

describe('report DOCX dates and drafts', () => {
  it('pads February and numbers below 10, never March', async () => {
    const feb = (
      await render(trieuSonSample({ date: { year: 2023, month: 2, day: 3 }, number: '7' }))
    ).part('word/document.xml');
    const texts = paragraphs(feb).map(textOf);
    expect(texts).toContain('Triệu Sơn, ngày 03 tháng 02 năm 2023');
    expect(texts).toContain('Số: 07/BC-UBND');
    const march = (await render(trieuSonSample({ date: { year: 2023, month: 3, day: 15 } }))).part(
      'word/document.xml',
    );
    expect(paragraphs(march).map(textOf)).toContain('Triệu Sơn, ngày 15 tháng 3 năm 2023');
    expect(march).not.toMatch(/tháng 0[3-9]/);
  });

  it('leaves number, day and month blank in a draft as Mẫu 1.4 does', async () => {
    const x = (await render(trieuSonSample({ draft: true }))).part('word/document.xml');
    const texts = paragraphs(x).map(textOf);
    expect(texts).toContain('Số:      /BC-UBND');
    expect(texts).toContain('Triệu Sơn, ngày    tháng    năm 2022');
    expect(texts).toContain(
      '(Kèm theo Báo cáo số     /BC-UBND ngày    tháng    năm 2022 của Ủy ban nhân dân huyện Triệu Sơn)',
    );
    expect(x).toMatch(/<w:t xml:space="preserve">Số: {6}\/BC-UBND<\/w:t>/);
  });

  it('prints a parent agency line upright and not bold above the bold issuer', async () => {
    const model = trieuSonSample();
    model.agency = {
      parent: ['UBND HUYỆN TRIỆU SƠN'],
      name: ['PHÒNG LAO ĐỘNG - THƯƠNG BINH', 'VÀ XÃ HỘI'],
    };
    const x = (await render(model)).part('word/document.xml');
    const header = tables(x)[0] ?? '';
    const parent = runsOf(header).find((r) => textOf(r) === 'UBND HUYỆN TRIỆU SƠN') ?? '';
    expect(size(parent)).toBe(26);
    expect(isBold(parent)).toBe(false);
    const issuer = runsOf(header).find((r) => textOf(r) === 'VÀ XÃ HỘI') ?? '';
    expect(isBold(issuer)).toBe(true);
  });

  it('follows the 12/13 size set together', async () => {
    const { fontSizes } = await import('../src/report/model.js');
    const model = { ...trieuSonSample(), sizes: fontSizes('12/13') };
    const header = tables((await render(model)).part('word/document.xml'))[0] ?? '';
    const sizeOf = (t: string) => size(runsOf(header).find((r) => textOf(r) === t) ?? '');
    expect(sizeOf('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBe(24);
    expect(sizeOf('Độc lập - Tự do - Hạnh phúc')).toBe(26);
    expect(sizeOf('Triệu Sơn, ngày 05 tháng 7 năm 2022')).toBe(26);
    expect(sizeOf('Số: 125/BC-UBND')).toBe(26);
  });
});
