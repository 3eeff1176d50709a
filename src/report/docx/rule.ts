import { AlignmentType, BorderStyle, LineRuleType, Paragraph } from 'docx';

/**
 * The solid horizontal rules of ND30 (PL I, II.1.b under the Tiêu ngữ, II.2.b under the agency
 * name, II.5.b under the trích yếu) drawn as an empty paragraph with a bottom border, so a clerk
 * can still select and edit it in Word. A paragraph border runs from the left to the right
 * indent, so the rule is exactly `width` long when both indents are (container − width) / 2;
 * `container` is the width the paragraph lives in (text width, or cell width less its margins).
 * The paragraph itself is 2 pt high (exact line spacing) so the rule sits just under the line
 * above instead of a whole empty line lower.
 *
 * For a checker: rule length = container − indent left − indent right, and the text it measures
 * is the paragraph just before it.
 */
export function ruleParagraph(
  width: number,
  container: number,
  spacing: { before?: number; after?: number } = {},
): Paragraph {
  const side = Math.max(0, Math.round((container - width) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side, firstLine: 0 },
    spacing: {
      before: spacing.before ?? 0,
      after: spacing.after ?? 0,
      line: 40,
      lineRule: LineRuleType.EXACT,
    },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
}
