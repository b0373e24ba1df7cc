#!/usr/bin/env node
import {createRequire} from 'node:module'

// oclif is CommonJS: required, not imported, so Node does not scan its source for export names (src/cli/oclif.ts).
const {execute} = createRequire(import.meta.url)('@oclif/core/execute')

await execute({dir: import.meta.url})
