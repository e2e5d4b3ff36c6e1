#!/usr/bin/env node
import {
  ConfigError,
  createLogger,
  listSecrets,
  loadSettings,
} from '../config/index.js';
import { exitCodes, UsageError, type Command } from './command.js';
import { commands } from './commands/index.js';
import { extractGlobalOptions } from './global-options.js';
import { printError, printLine } from './output.js';

function printHelp(): void {
  printLine(
    'qradar-mcp: investigate and respond to IBM QRadar offenses with MCP agents',
  );
  printLine();
  printLine('Usage: qradar-mcp <command> [options]');
  printLine();
  printLine('Commands:');
  const width = Math.max(...commands.map((command) => command.name.length));
  for (const command of commands) {
    printLine(`  ${command.name.padEnd(width)}  ${command.summary}`);
  }
  printLine();
  printLine(
    'Global options (each also an environment variable, see the README):',
  );
  printLine('  --config FILE        YAML file of settings (QRADAR_MCP_CONFIG)');
  printLine('  --data-dir DIR       state directory (QRADAR_MCP_DATA_DIR)');
  printLine(
    '  --qradar-url URL     QRadar console; without it the embedded simulator runs',
  );
  printLine('  --policy FILE        policy YAML (QRADAR_MCP_POLICY_FILE)');
  printLine(
    '  --log-level LEVEL    trace, debug, info, warn, error, fatal or silent',
  );
  printLine();
  printLine(
    'Run `qradar-mcp <command> --help` for the options of one command.',
  );
}

async function main(argv: string[]): Promise<number> {
  let globalOptions;
  try {
    globalOptions = extractGlobalOptions(argv);
  } catch (error) {
    printError((error as Error).message);
    return exitCodes.usage;
  }
  const [name, ...rest] = globalOptions.rest;
  if (
    name === undefined ||
    name === '--help' ||
    name === '-h' ||
    name === 'help'
  ) {
    printHelp();
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  if (name === '--version' || name === '-v') {
    printLine(process.env['npm_package_version'] ?? '0.1.0');
    return exitCodes.ok;
  }
  const command: Command | undefined = commands.find(
    (entry) => entry.name === name,
  );
  if (command === undefined) {
    printError(
      `Unknown command ${JSON.stringify(name)}. Run qradar-mcp --help for the list.`,
    );
    return exitCodes.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    printLine(command.usage);
    return exitCodes.ok;
  }
  try {
    const settings = loadSettings({
      env: process.env,
      configFile: globalOptions.configFile,
      flags: globalOptions.flags,
    });
    const logger = createLogger({
      level: settings.logLevel,
      secrets: listSecrets(settings),
    });
    if (settings.invalidLogLevel !== undefined) {
      logger.warn(
        { requestedLevel: settings.invalidLogLevel },
        'invalid QRADAR_MCP_LOG_LEVEL, using info',
      );
    }
    return await command.run({ settings, logger, argv: rest });
  } catch (error) {
    if (error instanceof UsageError) {
      printError(error.message);
      printError(command.usage);
      return exitCodes.usage;
    }
    if (ConfigError.is(error)) {
      printError(error.message);
      return exitCodes.usage;
    }
    printError(`qradar-mcp ${name}: ${(error as Error).message}`);
    return exitCodes.failure;
  }
}

process.exitCode = await main(process.argv.slice(2));
