import { MiernikError } from '../../errors.js'
import { capsule } from './capsule.js'
import { hubspot } from './hubspot.js'
import { pipedrive } from './pipedrive.js'
import type { Preset } from './preset.js'
import { salesforce } from './salesforce.js'

export const presets: Record<string, Preset> = { hubspot, pipedrive, salesforce, capsule }
export const presetNames = Object.keys(presets)

export function presetByName(name: string): Preset {
  const preset = presets[name.toLowerCase()]
  if (!preset) {
    throw new MiernikError(
      'USAGE',
      `unknown preset '${name}': use one of ${presetNames.join(', ')}`,
    )
  }
  return preset
}
