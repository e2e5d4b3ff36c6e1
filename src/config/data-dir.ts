import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Resolves the state directory: `QRADAR_MCP_DATA_DIR`, else
 * `$XDG_STATE_HOME/qradar-mcp`, else `~/.local/state/qradar-mcp`. It is never
 * the working directory, so running a command from a checkout leaves no state in it.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv,
  configured?: string,
): string {
  if (configured !== undefined && configured !== '') return resolve(configured);
  const xdgStateHome = env['XDG_STATE_HOME'];
  if (xdgStateHome !== undefined && isAbsolute(xdgStateHome)) {
    return join(xdgStateHome, 'qradar-mcp');
  }
  return join(homedir(), '.local', 'state', 'qradar-mcp');
}
