import type {
  Catalog,
  DimensionValue,
  DrilldownResponse,
  DrillPart,
  Filters,
  FunnelResponse,
  MetricQuery,
  ResolvedPeriod,
  ResultRow,
  QualityResponse,
  Settings,
  StatusResponse,
} from './types.js'

/** An API failure: `status` 0 when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body (an import refused carries its report). */
    readonly body: unknown = null,
  ) {
    super(message)
  }
}

async function request<T>(
  path: string,
  init: RequestInit = {},
  type = 'application/json',
): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      ...init,
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': type } : {}) },
    })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    throw new ApiError(0, 'NETWORK', (e as Error).message)
  }
  const text = await res.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    throw new ApiError(
      res.status,
      'BAD_RESPONSE',
      `${path} did not answer with JSON (HTTP ${res.status})`,
    )
  }
  if (!res.ok) {
    const err = (body ?? {}) as { code?: string; message?: string }
    throw new ApiError(
      res.status,
      err.code ?? `HTTP_${res.status}`,
      err.message ?? res.statusText,
      body,
    )
  }
  return body as T
}

const post = (body: unknown, signal?: AbortSignal): RequestInit => ({
  method: 'POST',
  body: JSON.stringify(body),
  signal,
})

export interface DrilldownParams {
  metric: string
  from: string
  to: string
  part: DrillPart
  group: Record<string, string | null>
  filters: Filters
  page?: number
  pageSize?: number
  sort?: string
  order?: 'asc' | 'desc'
  asOf?: string
  /** The language of the filled-in formula. */
  lang?: 'en' | 'pl'
  /** false: the caller has the row; only records come back. */
  row?: boolean
}

/** The drill-down URL; with `csv` the export of all its rows. */
export function drilldownUrl(p: DrilldownParams, csv = false): string {
  const q = new URLSearchParams({ metric: p.metric, from: p.from, to: p.to, part: p.part })
  if (Object.keys(p.group).length > 0) q.set('group', JSON.stringify(p.group))
  if (Object.keys(p.filters).length > 0) q.set('filters', JSON.stringify(p.filters))
  if (p.sort) q.set('sort', p.sort)
  if (p.sort && p.order) q.set('order', p.order)
  if (p.asOf) q.set('asOf', p.asOf)
  if (p.lang) q.set('lang', p.lang)
  if (csv) q.set('format', 'csv')
  else {
    q.set('page', String(p.page ?? 1))
    q.set('page_size', String(p.pageSize ?? 50))
    if (p.row === false) q.set('row', 'false')
  }
  return `/api/drilldown?${q}`
}

/** One line of the audit log (GET /api/audit). */
export interface AuditEntry {
  at: string
  actor: string | null
  action: string
  target: string | null
  ok: boolean
  detail: string | null
}

/** Who is signed in (GET /api/auth/me). */
export interface Me {
  user: { email: string; name: string | null; role: 'admin' | 'manager' | 'rep' }
  via: 'session' | 'token' | 'none'
  /** Whether the server asks for sign-in at all (false: --no-auth). */
  auth: boolean
}

/** How to read an uploaded file (the CLI's import options). */
export interface ImportOptions {
  entity: string
  preset?: string
  dateFormat?: string
  skipInvalid?: boolean
}

/** One reason a row cannot be imported, at its line of the file. */
export interface RowError {
  line: number
  column: string
  value: string | null
  reason: string
}

/** What an import did, or (a preview) would do. */
export interface ImportReport {
  entity: string
  file: string
  source: string
  rows: number
  rejected: number
  inserted: number
  updated: number
  unchanged: number
  errors: RowError[]
  skipped: { rows: number; why: string }[]
  ignoredColumns: string[]
  references: { entity: string; column: string; rows: number; examples: string[] }[]
  warnings: string[]
  createdReps: number
  createdAccounts: number
  rejectsUrl: string | null
}

/** How the file is read (`miernik inspect`). */
export interface Inspection {
  file: string
  rows: number
  format: string
  encoding: string
  source: string
  columns: { column: string; becomes: string[] }[]
  unmapped: string[]
  sample: Record<string, string | null>[]
  slashedDates: { column: string; example: string; fits: string[] }[]
}

/** A review's document: the blocks its PDF shows, charts drawn as SVG by the server. */
export type ReviewBlock =
  | { kind: 'h2'; text: string }
  | { kind: 'p'; text: string; tone?: 'muted' }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][]; numeric: boolean[] }
  | { kind: 'chart'; chart: { title: string }; svg: string }

export interface ReviewResponse {
  pack: { label: string; running: boolean }
  document: { title: string; subtitle: string; blocks: ReviewBlock[] }
}

export interface SavedReview {
  id: number
  label: string
  from: string
  to: string
  asOf: string
  scope: string | null
  savedAt: string
  savedBy: string | null
}

/** The query string of a review: period, language and filters. */
export function reviewQuery(p: { period: string; lang: string; filters: Filters }): string {
  const q = new URLSearchParams({ period: p.period, lang: p.lang })
  if (Object.keys(p.filters).length > 0) q.set('filters', JSON.stringify(p.filters))
  return q.toString()
}

export const api = {
  review: (query: string, signal?: AbortSignal) =>
    request<ReviewResponse>(`/api/review?${query}`, { signal }),
  reviews: (signal?: AbortSignal) =>
    request<{ reviews: SavedReview[] }>('/api/reviews', { signal }),
  saveReview: (period: string, filters: Filters) =>
    request<{ id: number }>('/api/reviews', post({ period, filters })),
  upload: (file: File) =>
    request<{ id: string; name: string; bytes: number }>(
      `/api/imports?name=${encodeURIComponent(file.name)}`,
      { method: 'POST', body: file },
      'application/octet-stream',
    ),
  previewImport: (id: string, options: ImportOptions) =>
    request<{ inspection: Inspection; check: ImportReport }>(
      `/api/imports/${encodeURIComponent(id)}/preview`,
      post(options),
    ),
  runImport: (id: string, options: ImportOptions) =>
    request<{ report: ImportReport }>(
      `/api/imports/${encodeURIComponent(id)}/import`,
      post(options),
    ),
  me: (signal?: AbortSignal) => request<Me>('/api/auth/me', { signal }),
  login: (email: string, password: string) =>
    request<{ user: Me['user'] }>('/api/auth/login', post({ email, password })),
  logout: () => request<{ ok: true }>('/api/auth/logout', post({})),
  audit: (action: string | null, signal?: AbortSignal) =>
    request<{ entries: AuditEntry[] }>(
      `/api/audit?limit=500${action ? `&action=${encodeURIComponent(action)}` : ''}`,
      { signal },
    ),
  catalog: (signal?: AbortSignal) => request<Catalog>('/api/catalog', { signal }),
  settings: (signal?: AbortSignal) => request<Settings>('/api/settings', { signal }),
  status: (signal?: AbortSignal) => request<StatusResponse>('/api/status', { signal }),
  quality: (asOf: string | undefined, signal?: AbortSignal) =>
    request<QualityResponse>(`/api/quality${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, {
      signal,
    }),
  putTrackedMetrics: (value: string[]) =>
    request<Settings>('/api/settings/tracked_metrics', {
      method: 'PUT',
      body: JSON.stringify({ value }),
    }),
  period: (period: string, signal?: AbortSignal) =>
    request<ResolvedPeriod>(`/api/periods?period=${encodeURIComponent(period)}`, { signal }),
  batch: (queries: MetricQuery[], signal?: AbortSignal) =>
    request<{ results: { rows: ResultRow[] }[] }>('/api/metrics/batch', post({ queries }, signal)),
  dimension: (dim: string, signal?: AbortSignal) =>
    request<{ values: DimensionValue[] }>(`/api/dimensions/${dim}`, { signal }),
  drilldown: (p: DrilldownParams, signal?: AbortSignal) =>
    request<DrilldownResponse>(drilldownUrl(p), { signal }),
  funnel: (
    p: { from: string; to: string; filters: Filters; pipeline?: string; asOf?: string },
    signal?: AbortSignal,
  ) => {
    const q = new URLSearchParams({ from: p.from, to: p.to })
    if (Object.keys(p.filters).length > 0) q.set('filters', JSON.stringify(p.filters))
    if (p.pipeline) q.set('pipeline', p.pipeline)
    if (p.asOf) q.set('asOf', p.asOf)
    return request<FunnelResponse>(`/api/funnel?${q}`, { signal })
  },
}
