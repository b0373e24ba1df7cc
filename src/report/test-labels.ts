/**
 * The names of the tests of the battery, long (table rows, findings) and short (narrow columns),
 * in TEST_NAMES order. The methods doc describes each test.
 */
import type {TestName} from '../engine/types.js'

export const TEST_LABELS: Readonly<Record<TestName, {long: string; short: string}>> = {
  crossSectionalT: {long: 'Cross-sectional t', short: 'CS t'},
  brownWarner1980: {long: 'Brown-Warner 1980', short: 'BW80'},
  brownWarner1985: {long: 'Brown-Warner 1985', short: 'BW85'},
  patell: {long: 'Patell Z', short: 'Patell'},
  bmp: {long: 'BMP', short: 'BMP'},
  kolariPynnonen: {long: 'Kolari-Pynnönen', short: 'KP'},
  corrado: {long: 'Corrado rank', short: 'Corrado'},
  sign: {long: 'Sign', short: 'Sign'},
  generalizedSign: {long: 'Generalized sign', short: 'G-sign'},
  wilcoxon: {long: 'Wilcoxon', short: 'Wilcoxon'},
  grank: {long: 'GRANK', short: 'GRANK'},
  corradoSign: {long: 'Corrado-Zivney sign', short: 'CZ sign'},
}
