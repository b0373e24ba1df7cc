import {Command, Flags} from './oclif.js'
import type {InferredFlags} from '@oclif/core/interfaces'
import {CommandContext} from './context.js'
import {errorText, reportError} from './error-document.js'
import {type CommandIo, processIo} from './io.js'
import {jsonLayoutOn, type Output} from './output.js'

export type GlobalFlags<T extends typeof Command> = InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>

/** True when argv asks for --json before any `--` (for errors met before the flags are parsed). */
function argvWantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  const i = argv.indexOf('--json')
  return i !== -1 && (end === -1 || i < end)
}

/** --timeout and --retries, for the commands that have them (networkFlags of flags.ts). */
function networkOptions(flags: object): {timeoutSeconds?: number; retries?: number} {
  const f = flags as {timeout?: number; retries?: number}
  return {timeoutSeconds: f.timeout, retries: f.retries}
}

/**
 * Shared flags and behaviour of every command: `--json` (stdout carries only the JSON document, errors
 * included), `--cache-dir`, `--offline`; the command context; errors reported with the documented exit codes.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override baseFlags = {
    json: Flags.boolean({
      description: 'Print machine-readable JSON on stdout (nothing else goes to stdout).',
      default: false,
    }),
    'cache-dir': Flags.string({
      description: 'Folder of the price store (default: $AFTERSHOCK_CACHE_DIR, else ./cache).',
      helpGroup: 'GLOBAL',
    }),
    offline: Flags.boolean({
      description: 'Never touch the network; missing data is an error.',
      default: false,
      helpGroup: 'GLOBAL',
    }),
    width: Flags.integer({
      description: "Columns to fit tables and text to (default: the terminal's width, else $COLUMNS, else no limit).",
      min: 20,
      helpGroup: 'GLOBAL',
    }),
  }

  protected flags!: GlobalFlags<T>
  /** Streams and environment: the process's, unless runCommand runs the command in-process. */
  io: CommandIo = processIo()
  private context?: CommandContext

  public override async init(): Promise<void> {
    await super.init()
    const {flags} = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (this.ctor as typeof BaseCommand).baseFlags,
      args: this.ctor.args,
      strict: this.ctor.strict,
    })
    this.flags = flags as GlobalFlags<T>
  }

  /** The command context, created on first use (after the flags are parsed). */
  protected get ctx(): CommandContext {
    this.context ??= new CommandContext({
      io: this.io,
      cacheDir: this.flags['cache-dir'],
      offline: this.flags.offline,
      json: this.flags.json,
      width: this.flags.width,
      network: networkOptions(this.flags),
    })
    return this.context
  }

  protected get out(): Output {
    return this.ctx.out
  }

  /** The exit code of the run: the context's, or the error's. */
  exitCode = 0

  protected override async catch(err: Error): Promise<unknown> {
    const reported = reportError(err)
    const json = this.flags?.json ?? argvWantsJson(this.argv)
    const indent = jsonLayoutOn(this.io.stdout) === 'pretty' ? 2 : undefined
    if (json) this.io.stdout.write(JSON.stringify(reported.document, null, indent) + '\n')
    else this.io.stderr.write(errorText(reported))
    if (!json && reported.document.error.code === 'internal' && this.io.env.DEBUG)
      this.io.stderr.write(`${err.stack}\n`)
    this.exitCode = reported.exitCode
    this.context?.close()
    // A real run ends here, even with a request still in flight.
    if (this.io.isProcess) this.exit(reported.exitCode)
    // In-process the error is reported: oclif's warning that argv was never parsed would be noise.
    this.parsed = true
    return undefined
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    this.context?.close()
    if (!err && this.context) this.exitCode = this.context.exitCode
    if (this.io.isProcess && this.exitCode !== 0) process.exitCode = this.exitCode
    return super.finally(err)
  }
}
