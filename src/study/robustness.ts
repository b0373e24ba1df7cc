/**
 * Model robustness (docs/methods.md, "Model robustness"): every group × event × window's CAAR and test battery
 * under each of the study's models, and where a conclusion at 5% changes between them. The primary model's runs
 * are the study's own; each other model runs every group × event again through the one group runner.
 */
import {conclusionChanges} from '../analysis/model-robustness.js'
import type {RobustnessChange, RobustnessRow} from '../result.js'
import {modelLabel, type StudyModel} from '../spec/model.js'
import {cleanBattery} from './clean.js'
import type {GroupRun} from './group-run.js'

export interface StudyRobustness {
  robustness: RobustnessRow[]
  robustnessChanges: RobustnessChange[]
}

/**
 * The robustness rows, model by model in the study's order, and the changes of conclusion; null for a study of
 * one model. `runUnder` runs the study's group × event runs under another model.
 */
export function studyRobustness(
  models: readonly StudyModel[],
  primary: readonly GroupRun[],
  runUnder: (model: StudyModel) => GroupRun[],
): StudyRobustness | null {
  if (models.length < 2) return null
  const rows = windowRows(modelLabel(models[0]), primary)
  for (const model of models.slice(1)) rows.push(...windowRows(modelLabel(model), runUnder(model)))
  return {robustness: rows, robustnessChanges: conclusionChanges(rows)}
}

/** The group window rows of runs under one model (tests copied: the primary rows later gain adjusted p's). */
function windowRows(model: string, runs: readonly GroupRun[]): RobustnessRow[] {
  return runs.flatMap(({group: g}) =>
    g.windows.map((w) => ({
      model,
      group: g.group,
      event: g.event,
      window: [w.window[0], w.window[1]] as [number, number],
      n: w.n,
      caar: w.caar,
      tests: cleanBattery(w.tests),
    })),
  )
}
