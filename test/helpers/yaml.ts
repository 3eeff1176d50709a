/**
 * A YAML "billion laughs": `levels` anchors, each a list of ten aliases of the one before
 * (10^levels values once expanded), and `key` set to the last.
 */
export function aliasBomb(levels: number, key: string): string {
  const names = 'abcdefghij'.slice(0, levels).split('');
  const lines = [`a: &a [${Array(10).fill('x').join(', ')}]`];
  for (let i = 1; i < names.length; i++) {
    const [prev, name] = [names[i - 1], names[i]];
    lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n${key}: *${names[names.length - 1]}\n`;
}
