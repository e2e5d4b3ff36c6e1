import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageName = 'qradar-mcp';

function isPackageRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    const content = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name?: unknown;
    };
    return content.name === packageName;
  } catch {
    return false;
  }
}

/**
 * Returns the root folder of the installed qradar-mcp package, found by
 * walking up from this module's own file, so it works from `src/sim` and from
 * `dist/src/sim` alike and never depends on the working directory.
 */
export function packageRootDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isPackageRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        `Failed to find the ${packageName} package root above ${fileURLToPath(import.meta.url)}: no package.json named ${packageName}. Reinstall the package.`,
      );
    }
    dir = parent;
  }
}

/** Returns the folder of the case files bundled with the package (`evals/cases`). */
export function bundledCasesDir(): string {
  return join(packageRootDir(), 'evals', 'cases');
}
