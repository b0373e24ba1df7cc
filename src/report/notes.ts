/** The run's notes (data gaps, fallbacks): a list at the summary level, a table in the CSV. */
import type {StudyResult} from '../result.js'
import {col, type Level, type Section} from './model.js'

export function notesSection(result: StudyResult, level: Level): Section | null {
  if (result.notes.length === 0) return null
  if (level === 'summary') return {id: 'notes', title: 'Notes', tables: [], notes: result.notes}
  return {
    id: 'notes',
    title: 'Notes',
    tables: [{id: 'note', columns: [col('note', 'Note', 'text')], rows: result.notes.map((note) => ({note}))}],
  }
}
