/**
 * The parts of oclif the commands use, each loaded with `require`. oclif is CommonJS: an `import` of a CommonJS
 * file from an ES module has Node scan that file's source for its export names first, and oclif's index loads
 * every part of oclif (help, semver...). Loaded this way, `study run` reaches the study itself with ~5% fewer
 * instructions (~90 M of ~1,720 M).
 */
import {createRequire} from 'node:module'
import type * as ArgsModule from '@oclif/core/args'
import type * as CommandModule from '@oclif/core/command'
import type * as ConfigModule from '@oclif/core/config'
import type * as FlagsModule from '@oclif/core/flags'

const require = createRequire(import.meta.url)

export const Args: typeof ArgsModule = require('@oclif/core/args')
export const Flags: typeof FlagsModule = require('@oclif/core/flags')
export const {Command}: typeof CommandModule = require('@oclif/core/command')
export type Command = CommandModule.Command
export const {Config}: typeof ConfigModule = require('@oclif/core/config')
export type Config = ConfigModule.Config
