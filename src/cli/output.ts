// The CLI's user-facing output. It is the one module in src/ allowed to print,
// and `serve` never uses stdout through it, because stdout carries MCP messages.

// A reader that closes the pipe early (`qradar-mcp approvals list | head`)
// makes further writes fail with EPIPE; end quietly, as other CLIs do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Writes a line to stdout for people and scripts. */
export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Writes a line to stderr: progress, notices and error messages. */
export function printError(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Tells whether stdout is an interactive terminal. */
export function isInteractive(): boolean {
  return process.stdout.isTTY;
}
