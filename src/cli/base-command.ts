import {Command, Flags, type Interfaces} from '@oclif/core'
import path from 'node:path'
import {AftershockError, EXIT} from '../errors.js'

export type GlobalFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>

/**
 * Shared flags and behaviour of every command: `--json` (stdout carries only the JSON document),
 * `--cache-dir`, `--offline`; errors go to stderr with the documented exit codes.
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
  }

  protected flags!: GlobalFlags<T>

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

  /** The cache folder: --cache-dir, else $AFTERSHOCK_CACHE_DIR, else ./cache. */
  protected cacheDir(): string {
    const dir = this.flags['cache-dir'] ?? process.env.AFTERSHOCK_CACHE_DIR ?? 'cache'
    return path.resolve(dir)
  }

  /** Writes one JSON document to stdout. */
  protected printJson(value: unknown): void {
    process.stdout.write(JSON.stringify(value, null, 2) + '\n')
  }

  /** Progress, warnings and logs: always stderr, so stdout stays clean for pipes. */
  protected info(message: string): void {
    process.stderr.write(message + '\n')
  }

  protected override async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (err instanceof AftershockError) {
      process.stderr.write(`Error: ${err.message}\n`)
      process.exitCode = err.exitCode
      return this.exit(err.exitCode)
    }
    // oclif's own parse errors (unknown flag, missing argument) are bad usage: exit 2.
    if (err.oclif && err.oclif.exit === undefined) err.oclif.exit = EXIT.usage
    return super.catch(err)
  }
}
