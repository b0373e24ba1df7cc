/**
 * Every section of a study summary, in `study run` order: events, index levels, CAAR and tests, CAR distribution,
 * model robustness, cross-sectional regressions, day-0 abnormal returns, value at stake, volatility, volume, claims, exclusions,
 * overlapping events, notes.
 * The full level adds the study echo and the per-security estimates, for the CSV.
 */
import type {StudyResult} from '../result.js'
import {caarSection} from './caar.js'
import {carDistributionSection} from './car-distribution.js'
import {claimsSection} from './claims.js'
import {crossSectionSection} from './cross-section.js'
import {day0Section} from './day0.js'
import {eventsSection, studySection} from './events.js'
import {exclusionsSection} from './exclusions.js'
import {indexLevelsSection} from './index-levels.js'
import type {Level, Section} from './model.js'
import {notesSection} from './notes.js'
import {overlapsSection} from './overlaps.js'
import {robustnessSection} from './robustness.js'
import {securitiesSection} from './securities.js'
import {valueSection} from './value-at-stake.js'
import {volatilitySection} from './volatility.js'
import {volumeSection} from './volume.js'

/** The sections of a result at a level; sections without data are left out. */
export function studySections(result: StudyResult, level: Level = 'summary'): Section[] {
  const full = level === 'full'
  return [
    full ? studySection(result) : null,
    eventsSection(result, level),
    result.index ? indexLevelsSection(result.index, level) : null,
    caarSection(result, level),
    carDistributionSection(result),
    robustnessSection(result, level),
    result.crossSections ? crossSectionSection(result.crossSections, level) : null,
    full ? securitiesSection(result) : null,
    day0Section(result, level),
    result.value ? valueSection(result.value, level) : null,
    result.volatility ? volatilitySection(result.volatility, level) : null,
    result.volume ? volumeSection(result.volume, level) : null,
    claimsSection(result.claims ?? []),
    exclusionsSection(result),
    overlapsSection(result.overlaps ?? []),
    notesSection(result, level),
  ].filter((s): s is Section => s !== null && (s.tables.length > 0 || (s.notes ?? []).length > 0))
}
