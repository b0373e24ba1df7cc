import {Flags} from '@oclif/core'
import Table from 'cli-table3'
import {BaseCommand} from '../../cli/base-command.js'
import {listStudies, studiesDirs} from '../../spec/load.js'

export default class StudyList extends BaseCommand<typeof StudyList> {
  static override description =
    'List the studies in studies/ (of the current folder, else the ones bundled with aftershock).'

  static override examples = ['<%= config.bin %> study list', '<%= config.bin %> study list --dir my-studies --json']

  static override flags = {
    dir: Flags.string({description: 'Folder of study files (default: ./studies, else the bundled studies).'}),
  }

  async run(): Promise<void> {
    const dirs = studiesDirs({studiesDir: this.flags.dir})
    // The first folder that holds studies; with --dir, that folder only.
    let dir = dirs[0]
    let studies = listStudies(dir)
    for (const d of dirs.slice(1)) {
      if (studies.length > 0) break
      dir = d
      studies = listStudies(d)
    }
    if (this.flags.json) {
      this.printJson({dir, studies})
      return
    }
    if (studies.length === 0) {
      this.info(`no studies in ${dirs.join(' or ')}`)
      return
    }
    const table = new Table({head: ['name', 'title', 'events', 'groups', 'securities'], style: {head: [], border: []}})
    for (const s of studies) {
      table.push(
        s.error
          ? [s.name, `INVALID: ${s.error}`, '', '', '']
          : [s.name, s.title ?? '', s.events, s.groups, s.securities],
      )
    }
    this.log(table.toString())
    if (dir !== dirs[0]) this.info(`(the studies bundled with aftershock, in ${dir})`)
  }
}
