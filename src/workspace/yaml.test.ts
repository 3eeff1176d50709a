import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatYamlProblem, parseYamlWithSchema } from './yaml.js';

const schema = z.object({ signer: z.object({ authority: z.string(), title: z.string() }) });

function problems(text: string): string[] {
  const r = parseYamlWithSchema(text, 'bctd.yaml', schema);
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(formatYamlProblem);
}

describe('YAML syntax errors in bctd.yaml', () => {
  it('names the line and the cause in Vietnamese, without the parser English', () => {
    const out = problems('signer:\n  authority: KT. CHỦ TỊCH\n   title: PHÓ CHỦ TỊCH\n');
    expect(out.length).toBeGreaterThan(0);
    expect(out[0]).toMatch(/^bctd\.yaml:[23]: Lỗi cú pháp YAML: /);
    for (const line of out) {
      expect(line).not.toMatch(/mapping|must|column|indent|Implicit|Nested/i);
      expect(line).toContain('dùng dấu cách, không dùng Tab');
    }
  });

  it('says which key is repeated and that a Tab indents', () => {
    expect(problems('signer:\n  title: A\n  title: B\n')[0]).toContain(
      'một khóa được khai báo hai lần',
    );
    expect(problems('signer:\n\tauthority: KT. CHỦ TỊCH\n').join('\n')).toMatch(/Tab/);
  });
});
