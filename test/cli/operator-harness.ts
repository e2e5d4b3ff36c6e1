import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, vi } from 'vitest';

import type { Command } from '../../src/cli/command.js';
import { createLogger, loadSettings } from '../../src/config/index.js';

/** Output of one command run: stdout, and stderr with the JSON log lines. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

const directories: string[] = [];
let stdout = '';
let stderr = '';

beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const directory of directories.splice(0)) {
    rmSync(directory, { recursive: true, force: true });
  }
});

/** Creates a data directory removed after the current test. */
export function makeDataDir(): string {
  const directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-cli-'));
  directories.push(directory);
  return directory;
}

/**
 * Runs a command as the CLI entry point does, without QRADAR_URL and at the
 * default log level, with the process logger writing into captured stderr.
 */
export async function runCommand(
  command: Command,
  dataDir: string,
  argv: string[],
): Promise<CommandOutput> {
  const settings = loadSettings({ env: { QRADAR_MCP_DATA_DIR: dataDir } });
  const logger = createLogger({
    level: settings.logLevel,
    destination: {
      write: (line: string) => {
        stderr += line.endsWith('\n') ? line : `${line}\n`;
      },
    },
  });
  const before = { stdout: stdout.length, stderr: stderr.length };
  const code = await command.run({ settings, logger, argv });
  return {
    code,
    stdout: stdout.slice(before.stdout),
    stderr: stderr.slice(before.stderr),
  };
}

/** Returns the lines of a text that parse as JSON objects, such as log lines. */
export function jsonLines(text: string): string[] {
  return text.split('\n').filter((line) => {
    if (!line.trimStart().startsWith('{')) return false;
    try {
      return typeof JSON.parse(line) === 'object';
    } catch {
      return false;
    }
  });
}
