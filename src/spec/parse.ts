/**
 * A study file's text to a StudySpec: YAML/JSON parsing (duplicate keys and alias bombs caught), the schema
 * check, then the semantic checks of ./build.ts. Never throws for bad input: every problem is an issue naming the
 * file, line and field.
 */
import {LineCounter, parseDocument} from 'yaml'
import {byLine, type StudyIssue} from './issues.js'
import {buildSpec, type BuildOptions} from './build.js'
import {datesToIso, type RawStudy} from './raw.js'
import {schemaIssues} from './schema-check.js'
import {duplicatePath, SourceMap} from './source-map.js'
import type {StudySpec} from './types.js'

export type {EventsFileLoader} from './build.js'

export interface CheckResult {
  spec: StudySpec | null
  issues: StudyIssue[]
}

/** At most this many alias expansions: a "billion laughs" file is refused, not expanded. */
const MAX_ALIASES = 100

/**
 * Parses and checks a study file's text. Never throws for bad input: returns the issues (spec null when any).
 * `file` names the file in messages and becomes `spec.file`.
 */
export function checkStudyText(text: string, file: string, opts: BuildOptions = {}): CheckResult {
  const lc = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lc, uniqueKeys: true, prettyErrors: false})
  const src = new SourceMap(doc, lc)
  const issues = syntaxIssues(doc, lc, file)
  if (issues.some((i) => !i.message.startsWith('duplicate key'))) return {spec: null, issues}
  let data: unknown
  try {
    data = datesToIso(doc.toJS({maxAliasCount: MAX_ALIASES}))
  } catch (error) {
    // yaml throws a ReferenceError when aliases would expand past maxAliasCount
    const message = `YAML aliases expand too far (${(error as Error).message.split('\n')[0]}); write the values out or use fewer aliases`
    return {spec: null, issues: [...issues, {file, line: 1, path: '', message}]}
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const message = 'a study file must be a mapping with name, benchmark, estimation, windows, events and groups'
    return {spec: null, issues: [...issues, {file, line: 1, path: '', message}]}
  }
  const structural = schemaIssues(data, file, src)
  issues.push(...structural)
  if (structural.length > 0) return {spec: null, issues: byLine(issues, file)}
  // Duplicate keys alone do not stop the semantic checks: report everything at once.
  const built = buildSpec(data as RawStudy, file, src, opts)
  issues.push(...built.issues)
  if (issues.length > 0) return {spec: null, issues: byLine(issues, file)}
  return {spec: built.spec, issues: []}
}

/** Parse errors of the document; a duplicate key names its field path and where it was first given. */
function syntaxIssues(doc: ReturnType<typeof parseDocument>, lc: LineCounter, file: string): StudyIssue[] {
  const issues: StudyIssue[] = []
  for (const e of doc.errors) {
    const line = lc.linePos(e.pos[0]).line
    if (e.code === 'DUPLICATE_KEY') {
      const dup = duplicatePath(doc, e.pos[0])
      const key = dup.path.split('.').pop() ?? dup.path
      const earlier = dup.first === null ? 'earlier' : `on line ${lc.linePos(dup.first).line}`
      issues.push({
        file,
        line,
        path: dup.path,
        message: `duplicate key "${key}" (already given ${earlier}): each group id, symbol and field may appear once; rename or merge them`,
      })
    } else {
      issues.push({file, line, path: '', message: `not valid YAML/JSON: ${e.message.split('\n')[0]}`})
    }
  }
  return issues
}
