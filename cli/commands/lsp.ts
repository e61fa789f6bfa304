import { has, type Parsed, UsageError } from '../args.js';

export const lspHelp = `用法 Usage: fenlei lsp --stdio

启动语言服务器（Language Server Protocol），供 VS Code、Neovim 等编辑器使用；通过标准输入输出通信。
Starts the language server on standard input/output for VS Code, Neovim or any LSP client.
  --stdio      通过标准输入输出通信（必需）/ talk over stdin/stdout (required)
  --node-ipc   由 VS Code 以 Node IPC 启动时使用 / when started by VS Code over Node IPC
编辑器配置见 docs/editor.md。 Editor set-up: docs/editor.md.`;

export async function lsp(p: Parsed): Promise<number> {
  if (!has(p, 'stdio') && !has(p, 'node-ipc')) throw new UsageError('请加 --stdio / add --stdio');
  const { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } = await import('vscode-languageserver/node.js');
  const { startServer } = await import('../../lsp/server.js');
  const connection = has(p, 'stdio')
    ? createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout))
    : createConnection(ProposedFeatures.all);
  startServer(connection);
  // The server runs until the client sends exit (or closes the stream).
  return new Promise<number>(() => undefined);
}
