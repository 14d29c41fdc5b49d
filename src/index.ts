/** Library API: open a store, import files, compute metrics. */
export { openStore, defaultDbPath } from './store/open-store.js'
export type { Store, Row } from './store/store.js'
export { migrate, schemaVersion } from './store/migrate.js'
export { readSettings, writeSetting, type Settings } from './store/settings.js'
export { importFile, type ImportOptions, type ImportReport } from './ingest/import-file.js'
export { compute } from './metrics/compute.js'
export {
  takeForecastSnapshot,
  type ForecastSnapshot,
  type SnapshotRow,
} from './forecast/forecast-snapshot.js'
export { catalog, starterMetrics, getMetric } from './metrics/catalog.js'
export type { MetricQuery } from './metrics/query-schema.js'
export type { ResultRow } from './metrics/result-row.js'
export type { MetricDefinition, Dimension, Unit } from './metrics/metric-schema.js'
export { parsePeriod, buckets, type Grain, type Period } from './metrics/periods.js'
export { entities, entityNames, type EntityName } from './model/entities.js'
export { MiernikError, type ErrorCode } from './errors.js'
export { generateDemo } from './demo/generate-demo.js'
export { generateDemoAnywhere } from './demo/demo-anywhere.js'
export { copyDatabase } from './store/copy-database.js'
export { qualityReport } from './quality/report.js'
export type { QualityReport, QualityCheckResult, QualityRecord } from './quality/report.js'
export type { QualityOptions } from './quality/options.js'
export {
  checkIds as qualityCheckIds,
  type CheckId as QualityCheckId,
  type Severity as QualitySeverity,
} from './quality/checks.js'
