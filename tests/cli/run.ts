/**
 * In-process runs of the CLI's commands for tests: `run(['prices', 'NVDA', '--json'], {cacheDir})` finds the
 * command class by its id and runs it with captured output (src/cli/run-command.ts); `schemaCheck` validates
 * a --json document against its schema in schema/.
 */
import Ajv, {type ValidateFunction} from 'ajv'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {type CommandRun, type RunCommandOptions, runCommand} from '../../src/cli/run-command.js'
import CacheInfo from '../../src/commands/cache/info.js'
import FactorsFetch from '../../src/commands/factors/fetch.js'
import FactorsImport from '../../src/commands/factors/import.js'
import FactorsInfo from '../../src/commands/factors/info.js'
import Fetch from '../../src/commands/fetch.js'
import Import from '../../src/commands/import.js'
import Index from '../../src/commands/index/index.js'
import Prices from '../../src/commands/prices.js'
import Report from '../../src/commands/report.js'
import Snapshot from '../../src/commands/snapshot.js'
import StudyList from '../../src/commands/study/list.js'
import StudyRun from '../../src/commands/study/run.js'
import StudyValidate from '../../src/commands/study/validate.js'
import Version from '../../src/commands/version.js'
import {expect} from 'vitest'
import {COVID_DIR, factorFiles, PRICES_DIR, REPO} from '../helpers/shared.js'

const COMMANDS = {
  'cache info': CacheInfo,
  'factors fetch': FactorsFetch,
  'factors import': FactorsImport,
  'factors info': FactorsInfo,
  fetch: Fetch,
  import: Import,
  index: Index,
  prices: Prices,
  report: Report,
  snapshot: Snapshot,
  'study list': StudyList,
  'study run': StudyRun,
  'study validate': StudyValidate,
  version: Version,
} as const

/** Runs `aftershock ...argv` in-process. */
export function run(argv: string[], opts: RunCommandOptions = {}): Promise<CommandRun> {
  const two = argv.slice(0, 2).join(' ')
  const id = two in COMMANDS ? two : argv[0]
  const Cls = COMMANDS[id as keyof typeof COMMANDS]
  if (!Cls) throw new Error(`no command ${argv.join(' ')}`)
  // Output does not depend on the terminal the tests run in ($COLUMNS fits it to a width).
  return runCommand(Cls, argv.slice(id.split(' ').length), {...opts, env: {COLUMNS: '', ...opts.env}})
}

const ajv = new Ajv({allErrors: true, strict: false})
for (const f of readdirSync(path.join(REPO, 'schema')))
  if (f.endsWith('.schema.json')) ajv.addSchema(JSON.parse(readFileSync(path.join(REPO, 'schema', f), 'utf8')))

/** The document's schema errors against schema/<name>.schema.json (empty when valid). */
export function schemaErrors(name: string, doc: unknown): string[] {
  const validate = ajv.getSchema(`https://github.com/aftershock/aftershock/schema/${name}.schema.json`) as
    | ValidateFunction
    | undefined
  if (!validate) throw new Error(`no schema ${name}`)
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)
}

/** Parses stdout as JSON and checks it against schema/<name>.schema.json. */
export function jsonOf<T>(r: CommandRun, name: string): T {
  const doc = JSON.parse(r.stdout) as T
  const errors = schemaErrors(name, doc)
  if (errors.length > 0) throw new Error(`${name}: ${errors.join('; ')}`)
  return doc
}

/** Imports every bundled study's data into a store: the shared prices, the COVID-2020 sample, French's factor files. */
export async function importBundledStudyData(cacheDir: string): Promise<void> {
  for (const dir of [PRICES_DIR, COVID_DIR]) expect((await run(['import', dir], {cacheDir})).code).toBe(0)
  expect((await run(['factors', 'import', ...factorFiles()], {cacheDir})).code).toBe(0)
}
