/**
 * Loading study files from disk: resolving a study argument (a path, or a name in `studies/`), reading the
 * file and its events CSV, and listing the studies of a folder. The checks themselves live in ./spec.ts.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {InputError} from '../errors.js'
import {readCharacteristicsCsv} from './characteristics-csv.js'
import {readEventsCsv} from './events-csv.js'
import {StudyValidationError} from './issues.js'
import type {CharacteristicsFileLoader} from './build.js'
import {checkStudyText, type CheckResult, type EventsFileLoader} from './parse.js'
import {studySymbols} from './symbols.js'
import type {StudySpec} from './types.js'

export interface StudyLocateOptions {
  /** Folder of named studies (default: `studies` in cwd, then the package's own studies/). */
  studiesDir?: string
  cwd?: string
  /** Read an events file outside the study file's folder (`--allow-outside`). */
  allowOutside?: boolean
}

const EXTENSIONS = ['.yaml', '.yml', '.json']

/** The studies/ folder shipped with the package (next to dist/ when installed, next to src/ in the repo). */
export const BUNDLED_STUDIES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../studies')

/** Folders searched for named studies, in order. */
export function studiesDirs(opts: StudyLocateOptions = {}): string[] {
  const cwd = opts.cwd ?? process.cwd()
  const dirs = opts.studiesDir
    ? [path.resolve(cwd, opts.studiesDir)]
    : [path.resolve(cwd, 'studies'), BUNDLED_STUDIES_DIR]
  return [...new Set(dirs)]
}

/** Resolves a study argument to an absolute file: an existing path first, else NAME(.yaml|.yml|.json) in the studies folders. */
export function resolveStudyPath(ref: string, opts: StudyLocateOptions = {}): string {
  const cwd = opts.cwd ?? process.cwd()
  const direct = path.resolve(cwd, ref)
  if (existsSync(direct) && statSync(direct).isFile()) return direct
  const looksLikePath = ref.includes('/') || ref.includes(path.sep)
  const hasExt = EXTENSIONS.includes(path.extname(ref).toLowerCase())
  const dirs = studiesDirs(opts)
  if (!looksLikePath) {
    // A bare name: NAME.yaml|.yml|.json, or NAME.yaml as written, in the studies folders.
    const names = hasExt ? [ref] : EXTENSIONS.map((ext) => ref + ext)
    for (const dir of dirs) {
      for (const name of names) {
        const f = path.join(dir, name)
        if (existsSync(f)) return f
      }
    }
  }
  const tried = hasExt ? ref : `${ref}.yaml|.yml|.json`
  const where = looksLikePath ? `no file ${direct}` : `no file ${ref}, and no ${tried} in ${dirs.join(' or ')}`
  throw new InputError(
    `study "${ref}" not found: ${where}. Give a path to a study file, or a name from \`aftershock study list\`.`,
  )
}

/** How a file is named in messages: relative to cwd when inside it, else absolute. */
function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs
}

/**
 * Reads `events: {file}` relative to the study file. The file must lie inside the study file's folder (so a
 * shared study cannot read, and echo lines of, any file of the machine) unless `allowOutside`. Problems with the
 * path are reported against the study (file '').
 */
function eventsFileLoader(studyAbs: string, cwd: string, allowOutside = false): EventsFileLoader {
  return (ref) => {
    const found = studyFile(studyAbs, ref, 'events', allowOutside)
    if (typeof found !== 'string')
      return {events: [], issues: [{file: '', line: null, path: 'events.file', message: found.problem}]}
    return readEventsCsv(readFileSync(found, 'utf8'), displayPath(found, cwd))
  }
}

/** Reads `characteristics: {file}` relative to the study file, under the same folder rule as the events file. */
function characteristicsFileLoader(studyAbs: string, cwd: string, allowOutside = false): CharacteristicsFileLoader {
  return (ref) => {
    const found = studyFile(studyAbs, ref, 'characteristics', allowOutside)
    if (typeof found !== 'string')
      return {values: [], issues: [{file: '', line: null, path: 'characteristics.file', message: found.problem}]}
    return readCharacteristicsCsv(readFileSync(found, 'utf8'), displayPath(found, cwd))
  }
}

/** A file the study names: its absolute path when inside the study's folder (or allowed outside) and present. */
function studyFile(studyAbs: string, ref: string, what: string, allowOutside: boolean): string | {problem: string} {
  const folder = path.dirname(studyAbs)
  const abs = path.resolve(folder, ref)
  const rel = path.relative(folder, abs)
  if (!allowOutside && (rel.startsWith('..') || path.isAbsolute(rel))) {
    return {
      problem: `${what} file ${abs} is outside the study's folder ${folder}; move it beside the study file, or pass --allow-outside`,
    }
  }
  if (!existsSync(abs)) return {problem: `${what} file ${abs} not found; the path is relative to the study file`}
  return abs
}

/** Checks a study file on disk without throwing for bad content (for `study validate`). */
export function checkStudyFile(ref: string, opts: StudyLocateOptions = {}): CheckResult & {file: string} {
  const cwd = opts.cwd ?? process.cwd()
  const abs = resolveStudyPath(ref, opts)
  const shown = displayPath(abs, cwd)
  const res = checkStudyText(readFileSync(abs, 'utf8'), shown, {
    absFile: abs,
    loadEventsFile: eventsFileLoader(abs, cwd, opts.allowOutside),
    loadCharacteristicsFile: characteristicsFileLoader(abs, cwd, opts.allowOutside),
    allowOutside: opts.allowOutside,
  })
  return {...res, file: shown}
}

/**
 * Loads and validates a study: `ref` is a path or a name in studies/. Throws InputError when it is not
 * found, StudyValidationError (an InputError listing every problem) when it is invalid.
 */
export function loadStudy(ref: string, opts: StudyLocateOptions = {}): StudySpec {
  const res = checkStudyFile(ref, opts)
  if (!res.spec) throw new StudyValidationError(res.issues)
  return res.spec
}

/**
 * Parses a study from text. `file` names it in messages; an `events: {file}` is read relative to it.
 * spec.file is the absolute path of `file`.
 */
export function parseStudy(text: string, file: string): StudySpec {
  const abs = path.resolve(file)
  const res = checkStudyText(text, file, {
    absFile: abs,
    loadEventsFile: eventsFileLoader(abs, process.cwd()),
    loadCharacteristicsFile: characteristicsFileLoader(abs, process.cwd()),
  })
  if (!res.spec) throw new StudyValidationError(res.issues)
  return res.spec
}

export interface StudySummary {
  name: string
  file: string
  title: string | null
  events: number
  groups: number
  securities: number
  /** Why the file could not be loaded (first problem), else null. */
  error: string | null
}

/** Counts shown by `study validate` and `study list`. */
export function summarizeStudy(spec: StudySpec, file: string): StudySummary {
  return {
    name: spec.name,
    file,
    title: spec.title,
    events: spec.events.length,
    groups: spec.groups.length,
    securities: studySymbols(spec).length,
    error: null,
  }
}

/** The studies of a folder (YAML and JSON files), by name; invalid ones are listed with their first error. */
export function listStudies(dir: string): StudySummary[] {
  if (!existsSync(dir)) return []
  const files = readdirSync(dir)
    .filter((f) => EXTENSIONS.includes(path.extname(f).toLowerCase()))
    .sort()
  return files.map((f) => {
    const abs = path.join(dir, f)
    const res = checkStudyText(readFileSync(abs, 'utf8'), abs, {
      absFile: abs,
      loadEventsFile: eventsFileLoader(abs, dir),
      loadCharacteristicsFile: characteristicsFileLoader(abs, dir),
    })
    if (res.spec) return summarizeStudy(res.spec, abs)
    const first = res.issues[0]
    const more = res.issues.length > 1 ? ` (and ${res.issues.length - 1} more)` : ''
    return {
      name: path.basename(f, path.extname(f)),
      file: abs,
      title: null,
      events: 0,
      groups: 0,
      securities: 0,
      error: `${first.path ? first.path + ': ' : ''}${first.message}${more}`,
    }
  })
}
