// Builds the VS Code extension and packs it as a .vsix (npm run package:vsix at the repository root).
// The client and the language server are bundled with esbuild from the sources, the national rules
// are copied beside the server, and @vscode/vsce packs the folder: nothing is downloaded.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createVSIX } from '@vscode/vsce';
import { REQUIRE_BANNER } from '../../../scripts/build.mjs';

const ext = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(ext, '..', '..');
const out = join(ext, 'out');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

rmSync(out, { recursive: true, force: true });
const common = { bundle: true, platform: 'node', target: 'node18', logLevel: 'warning', legalComments: 'none' };
// Node built-ins that CommonJS dependencies require() inside an ES module bundle.
const esm = { ...common, format: 'esm', banner: { js: REQUIRE_BANNER } };

// The client: CommonJS, as VS Code loads extensions; `vscode` is provided by the editor.
await build({ ...common, entryPoints: [join(ext, 'src', 'extension.ts')], outfile: join(out, 'client', 'extension.js'), format: 'cjs', external: ['vscode'], minify: true });

// The server, laid out as in the package (packageRoot() finds package.json and rules/national).
await build({ ...esm, entryPoints: [join(root, 'lsp', 'main.ts')], outfile: join(out, 'server', 'lsp', 'main.js') });
// The verifier's thread, where the server looks for it (lsp/verifier.ts).
await build({ ...esm, entryPoints: [join(root, 'lsp', 'verify-worker.ts')], outfile: join(out, 'server', 'dist', 'lsp', 'verify-worker.js') });
mkdirSync(join(out, 'server', 'rules', 'national'), { recursive: true });
cpSync(join(root, 'rules', 'national', 'national.yaml'), join(out, 'server', 'rules', 'national', 'national.yaml'));
// The scope table of Art. 2 that the national rules name (适用范围.范围表).
cpSync(join(root, 'rules', 'national', 'scope.yaml'), join(out, 'server', 'rules', 'national', 'scope.yaml'));
writeFileSync(join(out, 'server', 'package.json'), JSON.stringify({ name: 'fenlei-server', version, private: true, type: 'module' }, null, 2) + '\n');

// The extension's version follows the project's.
const manifestPath = join(ext, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
if (manifest.version !== version) {
  manifest.version = version;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
}

const packagePath = join(ext, `fenlei-${version}.vsix`);
await createVSIX({ cwd: ext, packagePath, dependencies: false, allowMissingRepository: true });
console.log(`VS Code 扩展已打包 / packaged: ${packagePath}`);
