import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import ts from 'typescript';

const storeSource = fileURLToPath(
  new URL('../../../src/store/', import.meta.url),
);
const cacheRoot = fileURLToPath(
  new URL(
    '../../../node_modules/.cache/qradar-mcp-store-test/',
    import.meta.url,
  ),
);

/**
 * Transpiles src/store to JavaScript under node_modules/.cache, so worker
 * threads (which vitest does not transform) can import the real store; the
 * folder sits inside the project so that better-sqlite3 resolves. The store
 * imports nothing of ours at run time but types, which transpiling drops.
 * Returns the file URL of the compiled index.js and the folder to remove.
 */
export function compileStoreForWorkers(): {
  moduleUrl: string;
  directory: string;
} {
  const directory = join(cacheRoot, `${process.pid}-${Date.now()}`);
  const outputDirectory = join(directory, 'store');
  mkdirSync(outputDirectory, { recursive: true });
  for (const file of readdirSync(storeSource)) {
    if (!file.endsWith('.ts')) continue;
    const source = readFileSync(join(storeSource, file), 'utf8');
    const output = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ES2022,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    });
    writeFileSync(
      join(outputDirectory, file.replace(/\.ts$/, '.js')),
      output.outputText,
    );
  }
  return {
    moduleUrl: pathToFileURL(join(outputDirectory, 'index.js')).href,
    directory,
  };
}
