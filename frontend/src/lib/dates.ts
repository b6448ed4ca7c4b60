// Dates are stored in UTC (Go sends RFC 3339 strings) and shown in the
// office's time zone, pt-BR style. Go's zero time (year 1) means "never" and
// shows as nothing. One module for every screen, so the zone and the rules
// live in one place.
const zone = 'America/Sao_Paulo'
const cache = new Map<string, Intl.DateTimeFormat>()

function fmt(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(opts)}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: zone })
    cache.set(key, f)
  }
  return f
}

function parse(iso: string | undefined | null): Date | null {
  if (!iso) return null
  const d = new Date(iso)
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1971) return null
  return d
}

/** "27/11/2026, 09:41" (pt-BR), or "" for no date. */
export function formatDateTime(iso: string | undefined | null, locale = 'pt-BR'): string {
  const d = parse(iso)
  return d ? fmt(locale, { dateStyle: 'short', timeStyle: 'short' }).format(d) : ''
}

/** "27/11/2026 09:41": the lead desk's denser form of formatDateTime. */
export function formatDateTimeCompact(iso: string | undefined | null, locale = 'pt-BR'): string {
  return formatDateTime(iso, locale).replace(',', '')
}

/** "27/11/2026". */
export function formatDate(iso: string | undefined | null, locale = 'pt-BR'): string {
  const d = parse(iso)
  return d ? fmt(locale, { dateStyle: 'short' }).format(d) : ''
}

/** "09:41". */
export function formatTime(iso: string | undefined | null, locale = 'pt-BR'): string {
  const d = parse(iso)
  return d ? fmt(locale, { hour: '2-digit', minute: '2-digit' }).format(d) : ''
}

/** The day of a date in the office's zone, to group a transcript by day. */
export function dayKey(iso: string): string {
  const d = parse(iso)
  return d ? fmt('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d) : ''
}
