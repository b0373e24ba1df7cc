/**
 * The parts of oclif the commands use, each from its own module rather than oclif's index (which loads help,
 * semver and the rest). In the CLI's bundle (scripts/bundle.mjs) these are the same modules `execute` uses, so
 * the commands and oclif's runner share one Command and one Config.
 */
export * as Args from '@oclif/core/args'
export {Command} from '@oclif/core/command'
export {Config} from '@oclif/core/config'
export * as Flags from '@oclif/core/flags'
