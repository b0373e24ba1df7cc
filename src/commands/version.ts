import {BaseCommand} from '../cli/base-command.js'
import type {VersionResult} from '../cli/results.js'
import {TOOL_VERSION} from '../version.js'

export default class Version extends BaseCommand<typeof Version> {
  static override description = 'Print the version of aftershock.'

  async run(): Promise<void> {
    const result: VersionResult = {name: 'aftershock', version: TOOL_VERSION, node: process.version}
    if (this.ctx.json) await this.out.printJson(result)
    else this.out.line(`aftershock ${result.version} (node ${result.node})`)
  }
}
