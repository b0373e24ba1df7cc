/**
 * The bad-input corpus: each case is a command line (files from ./files), the exit code it must end with and a
 * pattern its message must match (stderr, or the error document's message under --json). Placeholders:
 * {files} this folder's files/, {tmp} a fresh folder per case, {studies} the repo's studies/, {prices}
 * ../shared/data/prices. Each case runs with its own empty cache, after the command lines of `before`.
 */
export interface BadInputCase {
  name: string
  argv: string[]
  code: number
  /** A regular expression the message must match. */
  message: string
  /** A pattern the message must not match (a raw escape, a stack trace). */
  not?: string
  /** Command lines run first (e.g. an import the case needs); each must succeed. */
  before?: string[][]
}

export const CASES: BadInputCase[] = [
  // CSV price files
  {
    name: 'an ANSI escape in a CSV cell is shown escaped',
    argv: ['import', '{files}/ANSI.csv'],
    code: 2,
    message: 'ANSI\\.csv:3: .*\\\\x1b\\[31mred',
    not: '\\x1b',
  },
  {
    name: 'a binary file as CSV',
    argv: ['import', '{files}/BINARY.csv'],
    code: 2,
    message: 'BINARY\\.csv',
    not: '[\\x00-\\x08\\x1b]',
  },
  {
    name: 'a price of 1e308',
    argv: ['import', '{files}/HUGE.csv'],
    code: 2,
    message: 'HUGE\\.csv:2: price 1e308 .*outside',
  },
  {
    name: 'a date in the future',
    argv: ['import', '{files}/FUTURE.csv'],
    code: 2,
    message: 'FUTURE\\.csv:3: .*2999-01-04',
  },
  {name: 'text where a price goes', argv: ['import', '{files}/TEXT.csv'], code: 2, message: 'TEXT\\.csv:2: .*"abc"'},
  {
    name: 'a CSV without the price header',
    argv: ['import', '{files}/NOHEADER.csv'],
    code: 2,
    message: 'NOHEADER\\.csv',
  },
  {name: 'a date twice', argv: ['import', '{files}/DUPDATE.csv'], code: 2, message: 'DUPDATE\\.csv:\\d+: .*2020-01-02'},
  {
    name: 'a date that does not exist',
    argv: ['import', '{files}/BADDATE.csv'],
    code: 2,
    message: 'BADDATE\\.csv:2: .*2020-02-30',
  },
  // YAML study files
  {
    name: 'a YAML alias bomb',
    argv: ['study', 'validate', '{files}/alias-bomb.yaml'],
    code: 2,
    message: 'alias-bomb\\.yaml:\\d+',
    not: 'ReferenceError',
  },
  {
    name: 'a study with an unknown field',
    argv: ['study', 'validate', '{files}/unknown-field.yaml'],
    code: 2,
    message: 'unknown-field\\.yaml:10: .*colour',
  },
  {
    name: 'a YAML syntax error',
    argv: ['study', 'validate', '{files}/syntax.yaml'],
    code: 2,
    message: 'syntax\\.yaml:\\d+',
  },
  {
    name: 'an unknown model names the line, the field and the accepted forms',
    argv: ['study', 'validate', '{files}/unknown-model.yaml'],
    code: 2,
    message: 'unknown-model\\.yaml:3: model: .*"capm".*ff3 \\| carhart \\| ff5.*\\{factors: \\{set',
  },
  {
    name: 'a factor model whose set the store lacks (offline)',
    argv: ['study', 'run', '{files}/ff3-no-factors.yaml', '--offline'],
    before: [['import', '{prices}/NVDA.csv', '{prices}/SPY.csv']],
    code: 2,
    message: 'model \\(ff3\\): factor set ff3 is not in the store.*npx aftershock factors fetch ff3',
  },
  {
    name: 'a study file that does not exist',
    argv: ['study', 'run', '{tmp}/none.yaml', '--offline'],
    code: 2,
    message: 'none\\.yaml',
  },
  // events CSVs and paths
  {
    name: 'an events file outside the study folder',
    argv: ['study', 'run', '{files}/outside/study/events-outside.yaml', '--offline'],
    code: 2,
    message: 'events\\.csv is outside the study.s folder .*--allow-outside',
  },
  {
    name: 'an events CSV with an impossible date',
    argv: ['study', 'run', '{studies}/nvda-earnings.yaml', '--events', '{files}/bad-date-events.csv', '--offline'],
    code: 2,
    message: 'bad-date-events\\.csv:2',
  },
  {
    name: 'an events CSV without a date column',
    argv: ['study', 'run', '{studies}/nvda-earnings.yaml', '--events', '{files}/bad-header-events.csv', '--offline'],
    code: 2,
    message: 'bad-header-events\\.csv',
  },
  {
    name: 'an events CSV naming ../etc as a symbol',
    argv: ['study', 'run', '{studies}/nvda-earnings.yaml', '--events', '{files}/bad-symbol-events.csv', '--offline'],
    code: 2,
    message: 'bad-symbol-events\\.csv:2: .*\\.\\./etc',
  },
  {
    name: 'an events file that does not exist',
    argv: ['study', 'run', '{studies}/nvda-earnings.yaml', '--events', '{tmp}/no.csv', '--offline'],
    code: 2,
    message: '--events .*no\\.csv: cannot read the file',
  },
  {
    name: 'an import path that does not exist',
    argv: ['import', '{tmp}/nothing-here'],
    code: 2,
    message: 'nothing-here',
  },
  {
    name: 'a report --out under a regular file',
    before: [['import', '{prices}/NVDA.csv', '{prices}/SPY.csv']],
    argv: [
      'report',
      '{studies}/nvda-earnings.yaml',
      '--out',
      '{files}/events.csv/out',
      '--offline',
      '--format',
      'json',
    ],
    code: 2,
    message: '--out .*events\\.csv/out: .*events\\.csv is a file, not a folder',
  },
  // symbols and flags
  {name: 'a symbol ../etc to fetch', argv: ['fetch', '../etc'], code: 2, message: '"\\.\\./etc": not a symbol'},
  {name: 'a symbol with a space to fetch', argv: ['fetch', 'A B'], code: 2, message: '"A B": not a symbol'},
  {
    name: '--format JSON is accepted in any case (the run then stops at the missing store)',
    argv: ['report', '{studies}/deepseek-r1.yaml', '--out', '{tmp}/out', '--format', 'JSON', '--offline', '--live'],
    code: 1,
    message: 'no price store',
  },
  {
    name: 'an unknown --format',
    argv: ['report', '{studies}/deepseek-r1.yaml', '--out', '{tmp}/out', '--format', 'pdf'],
    code: 2,
    message: '--format: unknown format "pdf"',
  },
  {name: 'a missing --out value', argv: ['report', '{studies}/deepseek-r1.yaml', '--out'], code: 2, message: '--out'},
  {
    name: 'no --out at all',
    argv: ['report', '{studies}/deepseek-r1.yaml'],
    code: 2,
    message: 'Missing required flag out',
  },
  {name: 'an unknown flag', argv: ['prices', 'NVDA', '--colour'], code: 2, message: '--colour'},
  {name: 'a date that is not a date', argv: ['prices', 'NVDA', '--from', '2025-13-01'], code: 2, message: '--from'},
  {
    name: 'fetch --from in the future',
    argv: ['fetch', 'NVDA', '--from', '2999-01-01'],
    code: 2,
    message: '--from 2999-01-01 is in the future',
  },
  {name: 'fetch while offline', argv: ['fetch', 'NVDA', '--offline'], code: 2, message: '--offline'},
  {name: 'a --width too narrow', argv: ['study', 'list', '--width', '5'], code: 2, message: '--width|width'},
  {
    name: 'a --timeout of zero',
    argv: ['study', 'run', '{studies}/deepseek-r1.yaml', '--timeout', '0'],
    code: 2,
    message: '--timeout|timeout',
  },
  {
    name: 'an error under --json is a document',
    argv: ['import', '{files}/HUGE.csv', '--json'],
    code: 2,
    message: 'HUGE\\.csv:2: price 1e308',
  },
]
