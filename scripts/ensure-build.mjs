// Rebuilds dist/ when any compiled source is newer than the built CLI, so
// `npm start` and `npm test` work on a fresh clone and after an edit.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtCli = join(root, 'dist', 'src', 'cli', 'index.js');
const sourceDirectories = ['src', 'tools', 'resources', 'prompts', 'evals'];
const sourceExtensions = ['.ts', '.yaml', '.json'];

function newestSourceTimeMs(directory) {
  let newest = 0;
  if (!existsSync(directory)) return newest;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestSourceTimeMs(path));
    } else if (
      sourceExtensions.some((extension) => entry.name.endsWith(extension))
    ) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function isStale() {
  if (!existsSync(builtCli)) return true;
  const builtTimeMs = statSync(builtCli).mtimeMs;
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];
  const newestConfigMs = Math.max(
    ...configs.map((name) => statSync(join(root, name)).mtimeMs),
  );
  const newestSourceMs = Math.max(
    ...sourceDirectories.map((name) => newestSourceTimeMs(join(root, name))),
  );
  return Math.max(newestConfigMs, newestSourceMs) > builtTimeMs;
}

if (isStale()) {
  process.stderr.write('qradar-mcp: build is stale, rebuilding\n');
  const result = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
