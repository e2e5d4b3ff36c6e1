import type { Command } from '../command.js';
import { simCommand } from './sim.js';

/**
 * Every CLI command, in the order `qradar-mcp --help` lists them. Each lives in
 * its own file under this folder.
 */
export const commands: Command[] = [simCommand];
