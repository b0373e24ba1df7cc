import {BaseCommand} from '../cli/base-command.js'
import {TOOL_VERSION} from '../version.js'

export default class Version extends BaseCommand<typeof Version> {
  static override description = 'Print the version of aftershock.'

  async run(): Promise<void> {
    if (this.flags.json) this.printJson({name: 'aftershock', version: TOOL_VERSION, node: process.version})
    else this.log(`aftershock ${TOOL_VERSION} (node ${process.version})`)
  }
}
