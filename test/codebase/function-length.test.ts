// Functions a person can hold in their head: none of the source folders' functions is over 80
// lines unless a leading `// long:` comment says why its length is honest (a flat table, a hot
// loop kept in one piece). The allow-list names the long functions still being split by others;
// it only shrinks: a name that is no longer long must leave it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functionSpans, repositoryFunctions } from './function-lengths.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const LIMIT = 80;
const FOLDERS = ['bench', 'bin', 'cli', 'compiler', 'editors', 'grammar', 'lsp', 'runtime', 'server', 'web'];

/** file:function of long functions left to split (empty: none is; it may only shrink). */
const ALLOWED = new Set<string>([
]);

const body = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join('\n');

describe('function length', () => {
  it('counts a function from its first line to its last, names it from where it stands, and reads // long:', () => {
    const text = [
      `function short() {\n${body(78)}\n}`,
      `export const tooLong = (): number => {\n${body(79)}\n};`,
      `// A table, one case a line.\n// long: one case a line\nfunction table() {\n${body(90)}\n}`,
      `class Form {\n  render() {\n${body(2)}\n  }\n}`,
      `run('page', async () => {\n${body(1)}\n});`,
    ].join('\n');
    expect(functionSpans('x.ts', text).map((s) => [s.name, s.line, s.lines, s.why])).toEqual([
      ['short', 1, 80, undefined],
      ['tooLong', 81, 81, undefined],
      ['table', 164, 92, 'one case a line'],
      ['Form.render', 257, 4, undefined],
      ['run(page) callback', 262, 3, undefined],
    ]);
  });

  const spans = repositoryFunctions(REPO, FOLDERS);
  const long = spans.filter((s) => s.lines > LIMIT && s.why === undefined).map((s) => `${s.file}:${s.name}`);

  it(`no function is over ${LIMIT} lines without a // long: comment saying why`, () => {
    expect(spans.length).toBeGreaterThan(1000);
    expect(long.filter((k) => !ALLOWED.has(k))).toEqual([]);
  });

  it('the allow-list names only functions that are still long', () => {
    expect([...ALLOWED].filter((k) => !long.includes(k))).toEqual([]);
  });
});
