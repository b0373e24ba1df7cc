/**
 * Structural validation of a study file against schema/study.schema.json (ajv), with each schema complaint
 * turned into an issue that names the line, the field and the fix (the schema's own `fix` annotation).
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import type {Ajv, ErrorObject, ValidateFunction} from 'ajv'
import {formatPath, type PathSeg, type StudyIssue} from './issues.js'
import type {SourceMap} from './source-map.js'

interface SchemaNode {
  type?: string | string[]
  fix?: string
  properties?: Record<string, unknown>
  enum?: unknown[]
}

const require = createRequire(import.meta.url)

/** The study schema file shipped with the package. */
export const STUDY_SCHEMA_URL = new URL('../../schema/study.schema.json', import.meta.url)

/**
 * Compiles the study schema with ajv. `fix` is our own annotation: the advice shown with an error. With
 * `source`, ajv keeps the generated code, for the build's standalone validator (scripts/study-validator.mjs).
 */
export function compileStudyValidator(opts: {source?: boolean; schemaText?: string} = {}): {
  ajv: Ajv
  validate: ValidateFunction
} {
  const schema = JSON.parse(opts.schemaText ?? readFileSync(STUDY_SCHEMA_URL, 'utf8')) as object
  // ajv (and its schema compilation) loads only here: the CLI normally uses the precompiled validator.
  const {Ajv: AjvClass} = require('ajv') as typeof import('ajv')
  const ajv = new AjvClass({
    allErrors: true,
    verbose: true,
    strictTypes: false,
    allowUnionTypes: true,
    ...(opts.source ? {code: {source: true}} : {}),
  })
  ajv.addKeyword('fix')
  return {ajv, validate: ajv.compile(schema)}
}

/** The validator precompiled at build time next to this module (dist/spec/study-validator.cjs), if any. */
const PRECOMPILED = './study-validator.cjs'

let validator: ValidateFunction | null = null

/**
 * The study schema's validator, made once: the one precompiled by the build when it was built from the
 * schema file as it is now, else compiled here (running from src/, or after the schema changed). The
 * precompiled file holds the schema text it was built from: comparing texts needs no hash (node:crypto alone
 * takes ~10 ms to load at every start).
 */
function studyValidator(): ValidateFunction {
  if (!validator) {
    const text = readFileSync(STUDY_SCHEMA_URL, 'utf8')
    let pre: (ValidateFunction & {schemaText?: string}) | null = null
    try {
      pre = require(PRECOMPILED) as ValidateFunction & {schemaText?: string}
    } catch (error) {
      const e = error as NodeJS.ErrnoException
      // Only the file itself may be missing (no build); anything else it fails on is a real error.
      if (e.code !== 'MODULE_NOT_FOUND' || !e.message.startsWith(`Cannot find module '${PRECOMPILED}'`)) throw error
    }
    validator = pre && pre.schemaText === text ? pre : compileStudyValidator({schemaText: text}).validate
  }
  return validator
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'a mapping'
  if (typeof v === 'string') return `the text "${v}"`
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v} (not a finite number)`
  return `${typeof v} ${String(v)}`
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'an integer',
  array: 'a list',
  object: 'a mapping',
  boolean: 'true or false',
}

function pointerToPath(pointer: string, data: unknown): PathSeg[] {
  if (!pointer) return []
  const out: PathSeg[] = []
  let cur: unknown = data
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(cur)) {
      out.push(Number(seg))
      cur = cur[Number(seg)]
    } else {
      out.push(seg)
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined
    }
  }
  return out
}

/** Every schema complaint about a study file as an issue (one per field: the first complaint is the one to fix). */
export function schemaIssues(data: unknown, file: string, src: SourceMap): StudyIssue[] {
  const validate = studyValidator()
  if (validate(data)) return []
  const out: StudyIssue[] = []
  for (const e of (validate.errors ?? []) as ErrorObject[]) {
    if (e.keyword === 'propertyNames' || e.keyword === 'if') continue
    const {path, line, message} = complaint(e, pointerToPath(e.instancePath, data), src)
    out.push({file, line, path: formatPath(path), message})
  }
  const seen = new Set<string>()
  return out.filter((i) => {
    if (seen.has(i.path)) return false
    seen.add(i.path)
    return true
  })
}

/** One ajv error in the user's words: the field it is about, its line and what to do. */
function complaint(
  e: ErrorObject,
  path: PathSeg[],
  src: SourceMap,
): {path: PathSeg[]; line: number | null; message: string} {
  const parent = (e.parentSchema ?? {}) as SchemaNode
  const fix = parent.fix ? `; ${parent.fix}` : ''
  const params = e.params as Record<string, unknown>
  const at = (message: string): {path: PathSeg[]; line: number | null; message: string} => ({
    path,
    line: src.line(path),
    message,
  })
  if (typeof params.propertyName === 'string') {
    const p = [...path, params.propertyName]
    return {path: p, line: src.line(p, true), message: `the name "${params.propertyName}" is not valid${fix}`}
  }
  switch (e.keyword) {
    case 'required': {
      const name = String(params.missingProperty)
      return {path: [...path, name], line: src.line(path), message: `missing required field "${name}"; add it`}
    }
    case 'additionalProperties': {
      const name = String(params.additionalProperty)
      const p = [...path, name]
      const allowed = Object.keys(parent.properties ?? {})
      const near = allowed.find((a) => editDistance(a.toLowerCase(), name.toLowerCase()) <= 2)
      const hint = near ? `did you mean "${near}"?` : `allowed here: ${allowed.join(', ')}`
      return {path: p, line: src.line(p, true), message: `unknown field "${name}"; ${hint}`}
    }
    case 'type': {
      const types = ([] as string[]).concat(parent.type ?? String(params.type))
      return at(`must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, not ${describeValue(e.data)}${fix}`)
    }
    case 'enum': {
      const more = parent.fix ? `, ${parent.fix}` : ''
      return at(
        `${describeValue(e.data)} is not allowed; use one of ${(parent.enum ?? []).map(String).join(' | ')}${more}`,
      )
    }
    case 'pattern':
      return at(`"${String(e.data)}" is not valid${fix}`)
    case 'minItems':
    case 'maxItems':
    case 'minProperties': {
      const limit = Number(params.limit)
      const items = `${limit} item${limit === 1 ? '' : 's'}`
      const what =
        e.keyword === 'minItems'
          ? `needs at least ${items}`
          : e.keyword === 'maxItems'
            ? `has more than ${items}`
            : 'must not be empty'
      return at(`${what}${fix}`)
    }
    case 'maxProperties':
      return at(`has more than ${String(params.limit)} field(s)${fix}`)
    case 'minimum':
      return at(`must be at least ${String(params.limit)}, not ${String(e.data)}${fix}`)
    default:
      return at(`${e.message ?? 'is not valid'}${fix}`)
  }
}

/** Levenshtein distance, for "did you mean" on misspelt field names. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++)
      cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)))
    prev = cur
  }
  return prev[b.length]
}
