#!/usr/bin/env node
/**
 * `npm run build`: compiles src/ into a fresh dist/ and writes the files the CLI reads at start.
 *
 *   1. tsc into a staging folder (.dist-build), so no file of a deleted or renamed source lingers in dist/
 *      (oclif would list a stale command file as a command);
 *   2. the study schema's validator, precompiled by ajv into dist/spec/study-validator.cjs
 *      (scripts/study-validator.mjs), so no schema is compiled at run time;
 *   3. the CLI's bundle, dist/bundle/ (scripts/bundle.mjs): oclif and the commands in a few files, for a quick start;
 *   4. the staging folder replaces dist/ (two renames: a CLI started meanwhile sees the old or the new build,
 *      not a half-written one);
 *   5. oclif.manifest.json (scripts/oclif-manifest.mjs), so oclif does not import every command at start.
 *
 * Runs under `npm ci` too (prepare): it needs only typescript, ajv, rolldown and @oclif/core.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, renameSync, rmSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')
const stage = path.join(root, '.dist-build')
const old = path.join(root, '.dist-old')
const require = createRequire(import.meta.url)

/** Runs a node script; stops the build on failure, except for the exit codes in `goOn` (returned). */
function run(args, goOn = []) {
  const r = spawnSync(process.execPath, args, {cwd: root, stdio: 'inherit'})
  if (r.status === 0 || goOn.includes(r.status)) return r.status
  rmSync(stage, {recursive: true, force: true})
  process.exit(r.status ?? 1)
}

rmSync(stage, {recursive: true, force: true})
rmSync(old, {recursive: true, force: true})
// The manifest describes the build it came from: drop it before anything else changes.
rmSync(path.join(root, 'oclif.manifest.json'), {force: true})

// tsc exits 2 when it found type errors but still emitted (tsconfig.build.json has noEmitOnError: false):
// as before, dist/ gets that output and the build then fails with tsc's code.
const tscStatus = run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', stage], [2])
run([path.join(root, 'scripts', 'study-validator.mjs'), path.join(stage, 'spec', 'study-validator.cjs')])
run([path.join(root, 'scripts', 'bundle.mjs'), stage])

if (existsSync(dist)) renameSync(dist, old)
renameSync(stage, dist)
rmSync(old, {recursive: true, force: true})

run([path.join(root, 'scripts', 'oclif-manifest.mjs')])
if (tscStatus !== 0) process.exit(tscStatus)
