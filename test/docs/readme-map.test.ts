// The README's architecture table and article index name real files: a renamed or moved file
// fails here instead of leaving a newcomer with a dead pointer.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function section(title: string): string {
  const start = README.indexOf(`## ${title}`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = README.indexOf('\n## ', start + 3);
  return README.slice(start, end < 0 ? undefined : end);
}

/** Every `path` in code spans that looks like a repository path (has a slash or a known extension). */
function paths(text: string): string[] {
  return [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!).filter((p) => /^[a-z][\w.-]*\//.test(p) || /\.(ts|md|yaml|json)$/.test(p));
}

describe('README architecture', () => {
  const named = paths(section('架构 / Architecture'));
  it('names the pipeline stages', () => {
    expect(named.length).toBeGreaterThanOrEqual(15);
  });
  it.each(named)('%s exists', (p) => {
    expect(existsSync(join(ROOT, p.replace(/[,，]$/, '')))).toBe(true);
  });
});
