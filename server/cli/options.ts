import { parseArgs } from 'node:util';

interface CommandOptions {
  /** Options and whether each takes a value (`--dir PARENT`). */
  options: Record<string, 'flag' | 'value'>;
  /** What its positional arguments are, or undefined when it takes none. */
  positionals?: string;
}

/** What each command accepts: anything else is refused before it runs, so a mistyped
 * `--provider kinds` or a `--help` never proves the whole library by surprise. */
const COMMAND_OPTIONS: Record<string, CommandOptions> = {
  setup: { options: { kind: 'flag', 'kind-if-possible': 'flag', browser: 'flag' } },
  doctor: { options: {} },
  'cluster up': { options: {} },
  'exercise validate': { options: { all: 'flag' }, positionals: 'exercise folders or names' },
  'exercise test': { options: { all: 'flag', verbose: 'flag', provider: 'value', providers: 'value' }, positionals: 'exercise folders or names' },
  'exercise schema': { options: {} },
  'exercise coverage': { options: {} },
  'exercise new': { options: { dir: 'value' }, positionals: 'the new exercise’s name' },
  'exercise dev': { options: {}, positionals: 'an exercise folder or name' },
};

/** Undefined when `args` suit the command; otherwise one sentence naming the bad argument
 * and what the command takes. Pure. */
export function optionProblem(command: string, args: readonly string[]): string | undefined {
  const spec = COMMAND_OPTIONS[command];
  if (!spec) return undefined;
  const takes = Object.entries(spec.options).map(([name, kind]) => (kind === 'value' ? `--${name} VALUE` : `--${name}`));
  const what = [...takes, ...(spec.positionals ? [spec.positionals] : [])];
  const accepted = what.length > 0 ? `it takes ${what.join(', ')}` : 'it takes no arguments';
  try {
    const options = Object.fromEntries(Object.entries(spec.options).map(([name, kind]) => [name, { type: kind === 'value' ? ('string' as const) : ('boolean' as const) }]));
    const { positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    if (!spec.positionals && positionals.length > 0) return `unexpected argument "${positionals[0]}": ${accepted}`;
  } catch (e) {
    const code = (e as { code?: string }).code;
    const arg = /'([^']+)'/.exec((e as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${arg}: ${accepted}`;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${arg.split(' ')[0]} needs a value: ${accepted}`;
    return `${(e as Error).message}: ${accepted}`;
  }
  return undefined;
}
