import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { lintDocx, readDocx } from '../src/lint/index.js';
import { buildReport } from './helpers/docx-faults.js';

/** Rewrites parts of a DOCX: the way to make files the docx library will not. */
function patch(bytes: Uint8Array, edit: (parts: Record<string, Uint8Array>) => void): Uint8Array {
  const parts = unzipSync(bytes);
  edit(parts);
  return zipSync(parts);
}
const text = (parts: Record<string, Uint8Array>, name: string): string => strFromU8(parts[name]!);

describe('lint: files that cannot be read as a DOCX', () => {
  it('a text file is not a zip', () => {
    expect(readDocx(strToU8('Báo cáo tình hình\n'))).toMatchObject({
      ok: false,
      problem: 'not-zip',
    });
  });

  it('a password-protected file (OLE EncryptedPackage) is reported as encrypted', () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = 'EncryptedPackage';
    for (let i = 0; i < name.length; i++) ole[1024 + i * 2] = name.charCodeAt(i);
    expect(readDocx(ole)).toMatchObject({ ok: false, problem: 'encrypted' });
  });

  it('an old .doc (OLE without EncryptedPackage) is reported as such', () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(readDocx(ole)).toMatchObject({ ok: false, problem: 'ole' });
  });

  it('a truncated zip is reported, not thrown', async () => {
    const good = await buildReport();
    const r = readDocx(good.subarray(0, Math.floor(good.length / 2)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['truncated', 'corrupt']).toContain(r.problem);
  });

  it('a zip without word/document.xml is not a Word document', () => {
    expect(readDocx(zipSync({ 'a.txt': strToU8('x') }))).toMatchObject({
      ok: false,
      problem: 'no-document',
    });
  });

  it('a DOCTYPE is treated as hostile', async () => {
    const bad = patch(await buildReport(), (p) => {
      p['word/document.xml'] = strToU8(
        text(p, 'word/document.xml').replace(
          '<w:document',
          '<!DOCTYPE x [<!ENTITY a "aaaa">]><w:document',
        ),
      );
    });
    expect(readDocx(bad)).toMatchObject({ ok: false, problem: 'hostile' });
  });
});

describe('lint: effective formatting', () => {
  it('theme fonts resolve through theme1.xml; without a theme the font check is not-checked, never passed', async () => {
    const themed = (keepTheme: boolean) =>
      patch(buildReportSync, (p) => {
        p['word/styles.xml'] = strToU8(
          text(p, 'word/styles.xml').replace(
            /<w:rFonts [^>]*\/>/,
            '<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>',
          ),
        );
        if (!keepTheme) {
          delete p['word/theme/theme1.xml'];
        } else {
          p['word/theme/theme1.xml'] = strToU8(
            text(p, 'word/theme/theme1.xml').replace(
              /(<a:minorFont>\s*<a:latin typeface=")[^"]*"/,
              '$1Times New Roman"',
            ),
          );
        }
      });
    const buildReportSync = await buildReport();
    const withTheme = lintDocx(themed(true));
    const noTheme = lintDocx(themed(false));
    const status = (o: ReturnType<typeof lintDocx>) =>
      o.readable ? o.checks.find((c) => c.code === 'nd30-font-family')?.status : 'unreadable';
    expect(status(withTheme)).toBe('pass');
    expect(status(noTheme)).toBe('not-checked');
  });

  it('a bold paragraph style toggled by a bold character style shows regular text (ECMA-376 17.7.3)', async () => {
    const bytes = patch(await buildReport(), (p) => {
      const styles = text(p, 'word/styles.xml').replace(
        '</w:styles>',
        '<w:style w:type="paragraph" w:styleId="QH"><w:name w:val="QH"/><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>' +
          '<w:style w:type="character" w:styleId="Dam"><w:name w:val="Dam"/><w:rPr><w:b/></w:rPr></w:style></w:styles>',
      );
      p['word/styles.xml'] = strToU8(styles);
      p['word/document.xml'] = strToU8(
        text(p, 'word/document.xml').replace(
          /<w:p>((?:(?!<w:p>).)*?)<w:r><w:rPr><w:b\/><w:bCs\/><w:sz w:val="26"\/><w:szCs w:val="26"\/><\/w:rPr><w:t xml:space="preserve">CỘNG HÒA/,
          '<w:p><w:pPr><w:pStyle w:val="QH"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rStyle w:val="Dam"/></w:rPr><w:t xml:space="preserve">CỘNG HÒA',
        ),
      );
    });
    expect(strFromU8(unzipSync(bytes)['word/document.xml']!)).toContain('w:rStyle w:val="Dam"');
    const o = lintDocx(bytes);
    const qh = o.readable ? o.checks.find((c) => c.code === 'nd30-quoc-hieu') : undefined;
    expect(qh?.status).toBe('fail');
    expect(qh?.findings.map((f) => f.found)).toContain('Quốc hiệu không in đậm');
  });
});
