import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import ts from 'typescript';

const storeSource = fileURLToPath(
  new URL('../../../src/store/', import.meta.url),
);
const workerSource = fileURLToPath(
  new URL('./claim-worker.ts', import.meta.url),
);
const cacheRoot = fileURLToPath(
  new URL(
    '../../../node_modules/.cache/qradar-mcp-store-test/',
    import.meta.url,
  ),
);

function transpile(path: string): string {
  return ts.transpileModule(readFileSync(path, 'utf8'), {
    fileName: path,
    compilerOptions: {
      module: ts.ModuleKind.ES2022,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
  }).outputText;
}

/**
 * Transpiles src/store and the claim worker to JavaScript under
 * node_modules/.cache, so that worker threads (which vitest does not
 * transform) can run the real store. The folder sits inside the project so
 * that better-sqlite3 resolves. The store imports nothing of ours at run
 * time but types, which transpiling drops.
 * Returns the compiled store index and worker, and the folder to remove.
 */
export function compileStoreForWorkers(): {
  moduleUrl: string;
  workerPath: string;
  directory: string;
} {
  const directory = join(cacheRoot, `${process.pid}-${Date.now()}`);
  const outputDirectory = join(directory, 'store');
  mkdirSync(outputDirectory, { recursive: true });
  for (const file of readdirSync(storeSource)) {
    if (!file.endsWith('.ts')) continue;
    writeFileSync(
      join(outputDirectory, file.replace(/\.ts$/, '.js')),
      transpile(join(storeSource, file)),
    );
  }
  const workerPath = join(directory, 'claim-worker.mjs');
  writeFileSync(workerPath, transpile(workerSource));
  return {
    moduleUrl: pathToFileURL(join(outputDirectory, 'index.js')).href,
    workerPath,
    directory,
  };
}
