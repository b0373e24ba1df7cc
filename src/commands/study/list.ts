import {Flags} from '../../cli/oclif.js'
import {BaseCommand} from '../../cli/base-command.js'
import type {StudyListResult} from '../../cli/results.js'
import {studyListTable} from '../../cli/views.js'
import {listStudies, studiesDirs} from '../../spec/load.js'

export default class StudyList extends BaseCommand<typeof StudyList> {
  static override description =
    'List the studies in studies/ (of the current folder, else the ones bundled with aftershock).'

  static override examples = ['<%= config.bin %> study list', '<%= config.bin %> study list --dir my-studies --json']

  static override flags = {
    dir: Flags.string({description: 'Folder of study files (default: ./studies, else the bundled studies).'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(StudyList)
    const dirs = studiesDirs({studiesDir: flags.dir})
    // The first folder that holds studies; with --dir, that folder only.
    let result: StudyListResult = {dir: dirs[0], studies: listStudies(dirs[0])}
    for (const d of dirs.slice(1)) {
      if (result.studies.length > 0) break
      result = {dir: d, studies: listStudies(d)}
    }
    if (this.ctx.json) {
      await this.out.printJson(result)
      return
    }
    if (result.studies.length === 0) {
      this.out.info(`no studies in ${dirs.join(' or ')}`)
      return
    }
    this.out.line(studyListTable(result, this.out.width))
    if (result.dir !== dirs[0]) this.out.info(`(the studies bundled with aftershock, in ${result.dir})`)
  }
}
