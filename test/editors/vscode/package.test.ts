// The VS Code extension's editor defaults for fenlei files: full-width Chinese punctuation
// （：，（）；） is ordinary text in rule files, so VS Code must not box it as an "ambiguous
// Unicode character" (VS Code 1.100 boxed every one of them with an English UI).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../compiler/helpers.js';

const pkg = JSON.parse(readFileSync(`${REPO}editors/vscode/package.json`, 'utf8')) as { contributes: { configurationDefaults: Record<string, Record<string, unknown>> } };

describe('VS Code defaults for the fenlei language', () => {
  it('accept Chinese: the zh-hans and zh-hant locales allowed, ambiguous characters not boxed', () => {
    const d = pkg.contributes.configurationDefaults['[fenlei]']!;
    expect(d['editor.unicodeHighlight.allowedLocales']).toEqual({ _os: true, _vscode: true, 'zh-hans': true, 'zh-hant': true });
    expect(d['editor.unicodeHighlight.ambiguousCharacters']).toBe(false);
    // Invisible characters (a zero-width space in an item id) are still shown.
    expect(d['editor.unicodeHighlight.invisibleCharacters']).toBe(true);
  });
});
