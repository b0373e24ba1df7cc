#!/usr/bin/env node
// The CLI starts from its bundle (scripts/bundle.mjs): oclif and the commands' modules in a few files.
import {execute} from '../dist/bundle/main.js'

await execute({dir: import.meta.url})
