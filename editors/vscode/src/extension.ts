// The VS Code client: starts the bundled fenlei language server (out/server) over Node IPC and
// hands it the rule files (language id `fenlei`).
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('out', 'server', 'lsp', 'main.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const config = workspace.getConfiguration('fenlei');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'fenlei' }],
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
    initializationOptions: {
      verifier: { enabled: config.get<boolean>('verifier.enabled', true), delayMs: config.get<number>('verifier.delayMs', 60) },
    },
  };
  client = new LanguageClient('fenlei', 'fenlei 分类监管规则', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
