#!/usr/bin/env node
/**
 * Writes oclif.manifest.json at the package root from the built commands (the bundle's), as `oclif manifest` does,
 * without the oclif dev package: with a manifest, oclif reads every command's flags and help from this one
 * file instead of importing every command module (and its heavy imports) at each start.
 *
 * Run after the bundle (see the "build" script). The file is not committed: a stale one would hide new commands.
 */
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Plugin} from '@oclif/core'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'oclif.manifest.json')

// Where oclif finds the commands: the CLI's bundle (scripts/bundle.mjs).
const commands = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).oclif.commands

// A previous manifest must not feed the new one.
rmSync(out, {force: true})
if (!existsSync(path.join(root, commands))) {
  console.error(`oclif-manifest: ${commands} is missing; run the build (npm run build) first`)
  process.exit(1)
}

const plugin = new Plugin({
  root,
  type: 'core',
  isRoot: true,
  ignoreManifest: true,
  errorOnManifestCreate: true,
  respectNoCacheDefault: true,
})
await plugin.load()
const manifest = plugin.manifest
const ids = Object.keys(manifest.commands)
if (ids.length === 0) {
  console.error(`oclif-manifest: no commands found in ${commands}`)
  process.exit(1)
}
writeFileSync(out, JSON.stringify(manifest, null, 2) + '\n')
console.error(`oclif-manifest: ${ids.length} commands written to ${path.relative(process.cwd(), out) || out}`)
