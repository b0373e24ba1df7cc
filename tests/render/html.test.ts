import {describe, expect, it} from 'vitest'
import {renderHtml} from '../../src/render/html.js'
import {makeResult, REPORT_TEXT as TEXT} from '../report/fixtures.js'

describe('report.html', () => {
  it('is self-contained, escaped, with the charts inline', () => {
    const r = makeResult({failingClaim: true})
    const html = renderHtml(
      {...r, notes: ['<script>alert(1)</script> & more']},
      {
        charts: [{id: 'x', title: 'T', svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'}],
        text: TEXT,
      },
    )
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more')
    expect(html).not.toMatch(/<script|<link|@import|url\(|src="http|href="http/i)
    expect(html).toContain('<figure id="chart-x"')
    expect(html).toContain('<td class="fails">FAILS</td>')
    // the index claim: no event, levels formatted as index points
    expect(html).toContain('<td>chips</td><td></td><td>[0,0]</td><td class="num">150.00</td><td class="num">5.00</td>')
  })
})
