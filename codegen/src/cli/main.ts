import {
  checkCommand,
  exportCommand,
  generateCommand,
  parseCommand,
  runCommand,
  UsageError,
  type Io,
} from './commands.js';
import { compatCommand } from './compat-command.js';

const USAGE = `topograph <command> <file.topology.json> [options]

  generate <doc> [--out <file.ts>]   write the generated TypeScript (default <name>.topology.ts beside the doc)
  check <doc> [--code <file.ts>] [--compat-with <baseline>]
                                     exit 1 when the committed code differs from the document (CI drift check);
                                     with a baseline also when the document loses its state (2: incompatible)
  compat <baseline> <current> [--fix] [--json] [--application-id <id>]
                                     what an upgrade from <baseline> to <current> keeps (each a .topology.json,
                                     generated .ts or describe() text): exit 0 compatible, 1 state lost or
                                     records stranded, 2 incompatible; --fix pins the old names into <current>
  parse <file.ts> <doc>              read code (generated or hand-edited in the same shape) back into the doc
  export <doc> <dir> [--compat-with <baseline>]
                                     write a standalone project (npm install && npm test && npm start); with the
                                     deployed version as baseline its npm test also checks the upgrade keeps state
  run <doc>                          run the topology on the document's sample records and print the output`;

/** Runs one CLI invocation; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const flag = (name: string): string | undefined => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const switches = new Set(['--fix', '--json']);
  const positional = rest.filter(
    (a, i) => !a.startsWith('--') && !(rest[i - 1]?.startsWith('--') && !switches.has(rest[i - 1] as string)),
  );
  const need = (n: number): string[] => {
    if (positional.length < n) throw new UsageError(USAGE);
    return positional;
  };
  try {
    switch (command) {
      case 'generate':
        return await generateCommand(need(1)[0] as string, flag('--out'), io);
      case 'check': {
        const doc = need(1)[0] as string;
        const drift = await checkCommand(doc, flag('--code'), io);
        const baseline = flag('--compat-with');
        return baseline === undefined ? drift : Math.max(drift, await compatCommand(baseline, doc, {}, io));
      }
      case 'compat': {
        const [baseline, current] = need(2);
        const applicationId = flag('--application-id');
        return await compatCommand(
          baseline as string,
          current as string,
          {
            fix: rest.includes('--fix'),
            json: rest.includes('--json'),
            ...(applicationId !== undefined ? { applicationId } : {}),
          },
          io,
        );
      }
      case 'parse': {
        const [code, doc] = need(2);
        return await parseCommand(code as string, doc as string, io);
      }
      case 'export': {
        const [doc, dir] = need(2);
        return await exportCommand(doc as string, dir as string, io, flag('--compat-with'));
      }
      case 'run':
        return await runCommand(need(1)[0] as string, io);
      case undefined:
      case '--help':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    io.err(`topograph ${command}: ${(e as Error).message}`);
    return 1;
  }
}
