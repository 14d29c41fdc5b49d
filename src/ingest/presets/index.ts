import { MiernikError } from '../../errors.js'
import { capsule } from './capsule.js'
import { hubspot } from './hubspot.js'
import { pipedrive } from './pipedrive.js'
import { presetNames, type PresetName } from './names.js'
import type { Preset } from './preset.js'
import { salesforce } from './salesforce.js'

export const presets: Record<PresetName, Preset> = { hubspot, pipedrive, salesforce, capsule }
export { presetNames }

export function presetByName(name: string): Preset {
  const preset = (presets as Record<string, Preset | undefined>)[name.toLowerCase()]
  if (!preset) {
    throw new MiernikError(
      'USAGE',
      `unknown preset '${name}': use one of ${presetNames.join(', ')}`,
    )
  }
  return preset
}
