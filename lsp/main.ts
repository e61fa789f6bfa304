// Entry of the language server process: `node dist/lsp/main.js --stdio` (or --node-ipc, as
// VS Code starts it). `fenlei lsp --stdio` runs the same.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';

startServer(createConnection(ProposedFeatures.all));
