/**
 * `bctd page` without a browser: where the file goes, what it is called, that it replaces an
 * existing page only with --force, that it is one file with nothing to fetch, and that no text
 * of an outline can break out of the page's script or title.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineJson, pageFileName, pageTitle } from '../src/app/page.js';
import { makePeriod } from '../src/period/periods.js';
import { bctd, ROOT, tempDir } from './helpers/cli.js';
import { TEST_OUTLINE_YAML } from './helpers/unit-workbook.js';

beforeAll(() => {
  // The page bundle of the current sources (npm run build chains it; vitest alone may not).
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-page.js')], { cwd: ROOT });
});

/** Text of every element `<tag ...>text</tag>` in the page. */
function elements(html: string, tag: string): Array<{ attrs: string; text: string }> {
  const re = new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'gi');
  return [...html.matchAll(re)].map((m) => ({ attrs: m[1] ?? '', text: m[2] ?? '' }));
}

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');

describe('pageTitle and pageFileName', () => {
  it('title the page for the period and name it after the outline and period', () => {
    const p = makePeriod('6m', 2022);
    expect(pageTitle({ title: 'Báo cáo kết quả công tác bình đẳng giới' }, p)).toBe(
      'Kiểm tra báo cáo kết quả công tác bình đẳng giới 6 tháng đầu năm 2022',
    );
    // A title starting with an abbreviation or a name keeps its capitals.
    expect(pageTitle({ title: 'UBND huyện: số liệu' }, makePeriod('year', 2023))).toBe(
      'Kiểm tra UBND huyện: số liệu năm 2023',
    );
    expect(pageFileName('bdg', p)).toBe('kiem-tra-bdg-2022-6m.html');
  });

  it('inlines JSON that cannot end a script element', () => {
    const text = inlineJson({ t: '</script><script>alert(1)</script><!-- & \u2028' });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ t: '</script><script>alert(1)</script><!-- & \u2028' });
  });
});

describe('bctd page', () => {
  it('writes one self-contained file in the current folder, and replaces it only with --force', () => {
    const dir = tempDir('bctd-page-cli-');
    const args = ['page', '--period', '6m', '--year', '2022'];
    const r = bctd(args, { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = path.join(dir, 'kiem-tra-bdg-2022-6m.html');
    expect(r.stdout).toContain(`Đã ghi trang kiểm tra: ${file}`);
    expect(r.stdout).toContain('Kỳ báo cáo: 6 tháng đầu năm 2022 (2022-6m)');
    const html = readFileSync(file, 'utf8');

    const title = elements(html, 'title')[0]?.text;
    expect(title).toBe(
      'Kiểm tra báo cáo kết quả thực hiện các mục tiêu, chỉ tiêu về bình đẳng giới 6 tháng đầu năm 2022',
    );
    // Nothing to fetch: no external script, style sheet, font, image or frame.
    const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '');
    expect(markup).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(markup).not.toMatch(/\b(src|href)\s*=/i);
    // (The bundled libraries hold URLs in strings, e.g. XML namespaces; the browser test shows
    // that none is ever requested.)
    expect(markup).not.toMatch(/https?:\/\//);
    // The browser itself refuses any connection; the inline script and style run by hash.
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    const scripts = elements(html, 'script');
    expect(scripts).toHaveLength(2);
    const code = scripts.find((s) => s.attrs === '')!.text;
    expect(csp).toContain(`'sha256-${sha(code)}'`);
    const style = elements(html, 'style');
    expect(style).toHaveLength(1);
    expect(style[0]!.text).not.toMatch(/@import|url\(/i);
    expect(csp).toContain(`'sha256-${sha(style[0]!.text)}'`);
    const config = JSON.parse(scripts.find((s) => s.attrs.includes('bctd-config'))!.text) as {
      outline: { id: string };
      period: { id: string };
      secondsPerFile: number;
      units?: unknown;
    };
    expect(config.outline.id).toBe('bdg');
    expect(config.period.id).toBe('2022-6m');
    expect(config.secondsPerFile).toBe(30);
    expect(config.units).toBeUndefined();

    const again = bctd([...args, '--format', 'json'], { cwd: dir });
    expect(again.code).toBe(2);
    expect((again.json().error as { code: string }).code).toBe('output-exists');
    expect(readFileSync(file, 'utf8')).toBe(html);
    expect(bctd([...args, '--force'], { cwd: dir }).code).toBe(0);
  });

  it('keeps an outline text that looks like HTML inert', () => {
    const dir = tempDir('bctd-page-cli-');
    const hostile = 'Đề cương </script><script>alert(1)</script> <b>thử</b>';
    writeFileSync(
      path.join(dir, 'thu.yaml'),
      TEST_OUTLINE_YAML.replace('title: Đề cương thử', `title: "${hostile}"`),
    );
    const out = path.join(dir, 'trang.html');
    const r = bctd(
      ['page', '--outline', 'thu.yaml', '--period', 'year', '--year', '2023', '--out', out],
      {
        cwd: dir,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(elements(html, 'script')).toHaveLength(2);
    expect(html).not.toContain('<b>thử</b>');
    expect(elements(html, 'title')[0]?.text).toBe(
      'Kiểm tra đề cương &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;thử&lt;/b&gt; năm 2023',
    );
  });

  it('refuses a period the outline does not have, writing nothing', () => {
    const dir = tempDir('bctd-page-cli-');
    const r = bctd(['page', '--period', '9m', '--year', '2022', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.json().error).toMatchObject({ code: 'bad-option' });
    expect(existsSync(path.join(dir, 'kiem-tra-bdg-2022-9m.html'))).toBe(false);
  });

  it('in a workspace: writes to bieu-mau/ and carries the units for the unit checks', () => {
    const dir = tempDir('bctd-page-cli-');
    expect(bctd(['init'], { cwd: dir }).code).toBe(0);
    const r = bctd(['page', '--period', 'year', '--year', '2022', '--format', 'json'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    const file = path.join(dir, 'bieu-mau', 'kiem-tra-bdg-2022-year.html');
    const json = r.json() as {
      path: string;
      units: number;
      period: { label: string; chosen: boolean };
    };
    expect(json.path).toBe(file);
    expect(json.period).toMatchObject({ label: 'năm 2022', chosen: false });
    expect(json.units).toBeGreaterThan(10);
    const html = readFileSync(file, 'utf8');
    const config = JSON.parse(
      elements(html, 'script').find((s) => s.attrs.includes('bctd-config'))!.text,
    ) as { units: Array<{ code: string }> };
    expect(config.units.map((u) => u.code)).toContain('15664');
  });
});
