/** The CRM presets by name, apart from their mappings so the CLI's help needs no more. */
export const presetNames = ['hubspot', 'pipedrive', 'salesforce', 'capsule'] as const
export type PresetName = (typeof presetNames)[number]
