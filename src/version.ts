import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
/** The package version, printed in reports and results instead of run timestamps. */
export const TOOL_VERSION: string = (require('../package.json') as {version: string}).version
