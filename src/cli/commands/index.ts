import type { Command } from '../command.js';

/**
 * Every CLI command, in the order `qradar-mcp --help` lists them. Each lives in
 * its own file under this folder.
 */
export const commands: Command[] = [];
