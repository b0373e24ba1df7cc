/**
 * Runs a command class in-process, as the CLI would run it, with its output captured: for tests and for
 * programs that drive the CLI without spawning it.
 */
import {Config} from './oclif.js'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {BaseCommand} from './base-command.js'
import {errorText, reportError} from './error-document.js'
import {Capture, type CommandIo} from './io.js'

export interface CommandRun {
  code: number
  stdout: string
  stderr: string
}

export interface RunCommandOptions {
  /** The cache folder ($AFTERSHOCK_CACHE_DIR for this run). */
  cacheDir?: string
  /** Environment on top of the process's. */
  env?: Record<string, string>
  /** A fetch standing in for the network. */
  yahooFetch?: typeof fetch
  /** A fetch standing in for French's data library (factor downloads). */
  factorsFetch?: typeof fetch
}

// The package root: this file is src/cli/ or dist/cli/.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
let config: Promise<Config> | undefined

type CommandClass = new (argv: string[], config: Config) => BaseCommand<never>

/** Runs `Cls` with `argv` (the words after the command's id); never throws, never touches process.exitCode. */
export async function runCommand(Cls: CommandClass, argv: string[], opts: RunCommandOptions = {}): Promise<CommandRun> {
  config ??= Config.load(ROOT)
  const stdout = new Capture()
  const stderr = new Capture()
  const env: NodeJS.ProcessEnv = {...process.env, ...opts.env}
  if (opts.cacheDir) env.AFTERSHOCK_CACHE_DIR = opts.cacheDir
  const io: CommandIo = {
    stdout,
    stderr,
    env,
    isProcess: false,
    yahooFetch: opts.yahooFetch,
    factorsFetch: opts.factorsFetch,
  }
  const cmd = new Cls(argv, await config)
  cmd.io = io
  try {
    await (cmd as unknown as {_run(): Promise<unknown>})._run()
  } catch (err) {
    const reported = reportError(err)
    stderr.write(errorText(reported))
    return {code: reported.exitCode, stdout: stdout.text, stderr: stderr.text}
  }
  return {code: cmd.exitCode, stdout: stdout.text, stderr: stderr.text}
}
