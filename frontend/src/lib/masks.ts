// The Brazilian shapes the forms take (CPF/CNPJ, phones with DDD, CEP, R$,
// dd/mm/aaaa) and the checks that tell a mistyped value from an unfinished
// one. maska draws the masks, @brazilian-utils checks the numbers; the
// backend re-checks everything on save and stays the authority, so what a
// field sends is the text Go already parses (backend/crm: ParseMoney,
// ValidCPF, ParsePhone, "YYYY-MM-DD" birth dates).
import { Mask, type MaskInputOptions, type MaskTokens } from 'maska'
import { isValidCpf } from '@brazilian-utils/brazilian-utils/is-valid-cpf'
import { isValidCnpj } from '@brazilian-utils/brazilian-utils/is-valid-cnpj'
import { isValidCep } from '@brazilian-utils/brazilian-utils/is-valid-cep'
import { isValidPhone } from '@brazilian-utils/brazilian-utils/is-valid-phone'

/** The kinds of masked field. */
export type MaskKind =
  | 'cpf' // a person only
  | 'cpfCnpj' // a person or a company: the mask follows the length
  | 'phone' // Brazilian mobile or landline, with DDD
  | 'mobile' // a Brazilian mobile only: what SMS and WhatsApp reach
  | 'phoneIntl' // the same, or a foreign number written with "+"
  | 'cep'
  | 'money' // R$, pt-BR grouping, two decimals
  | 'area' // m², two decimals
  | 'date' // dd/mm/aaaa

/**
 * What is wrong with a value: still being typed (only worth saying once the
 * user leaves the field), or complete and wrong (said at once).
 */
export type Problem = 'incomplete' | 'invalid' | 'future' | null

// The alphanumeric CNPJ (Receita Federal, July 2026) has letters in its
// first twelve places; they are shown upper-case, as Go stores them.
const cnpjChar: MaskTokens = { X: { pattern: /[0-9A-Za-z]/, transform: (c: string) => c.toUpperCase() } }

const digitsOnly = (v: string) => v.replace(/\D/g, '')

/**
 * The national part of a Brazilian phone: "+55 11 98765-4321",
 * "5511987654321" and "(11) 98765-4321" all give "11987654321". A number
 * that merely starts with DDD 55 keeps it (only 12 or 13 digits lose a 55).
 */
export function nationalPhone(v: string): string {
  const d = digitsOnly(v)
  return d.startsWith('55') && (d.length === 12 || d.length === 13) ? d.slice(2) : d
}

// "+" and anything but 55 after it: a foreign number, kept as typed.
const foreign = (v: string) => /^\s*\+/.test(v) && !/^\s*\+\s*55/.test(v)

// A single "." followed by one or two digits is a decimal point (a value
// pasted from a spreadsheet set to English), as backend/crm.parseDecimal
// reads it; everything else follows pt-BR.
function decimalComma(v: string): string {
  const s = v.replace(/R\$|m²/g, '').trim()
  return /^\d+\.\d{1,2}$/.test(s) ? s.replace('.', ',') : s
}

// While typing, the field already holds pt-BR text ("1.234"), so its dots
// are thousands: deleting a digit of "1.234" leaves "1.23", which is 123,
// not 1,23. Only a "." just typed after the digits, with no comma yet, is
// the user's decimal point ("1.500." → "1.500,"). A pasted value goes
// through masked() (decimalComma) instead: see MaskedField's paste.
export function typingDecimal(v: string): string {
  const s = v.replace(/R\$|m²/g, '').trim()
  return s.endsWith('.') && !s.includes(',') ? `${s.slice(0, -1)},` : s
}

const brPhone = ['(##) ####-####', '(##) #####-####']
const decimal = { number: { locale: 'pt-BR', fraction: 2, unsigned: true } }

// A foreign number keeps its digits: a mask shaped for Brazil would cut
// "+351 912 345 678" into a wrong Brazilian one.
const phone: MaskInputOptions = {
  mask: (v: string) => (foreign(v) ? '+###############' : brPhone[digitsOnly(v).length > 10 ? 1 : 0]),
  preProcess: (v: string) => (foreign(v) ? v : nationalPhone(v)),
}

/** maska options per kind, for the v-maska directive. */
export const maskOptions: Record<MaskKind, MaskInputOptions> = {
  cpf: { mask: '###.###.###-##' },
  cpfCnpj: { mask: ['###.###.###-##', 'XX.XXX.XXX/XXXX-##'], tokens: cnpjChar },
  // The three differ in what they accept (check), not in how they look: a
  // landline typed in a mobile field reads as one, and is told so.
  phone,
  mobile: phone,
  phoneIntl: phone,
  cep: { mask: '#####-###' },
  money: { ...decimal, preProcess: typingDecimal },
  area: { ...decimal, preProcess: typingDecimal },
  // A date copied from a system that writes AAAA-MM-DD is turned around
  // rather than read as 19/85/0907.
  date: { mask: '##/##/####', preProcess: (v: string) => (/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(v) ? brDate(v.trim()) : v) },
}

const masks = new Map<MaskKind, Mask>()
function maskOf(kind: MaskKind): Mask {
  let m = masks.get(kind)
  if (!m) {
    const { preProcess: _p, postProcess: _q, onMaska: _o, ...opts } = maskOptions[kind]
    m = new Mask(opts)
    masks.set(kind, m)
  }
  return m
}

/**
 * The value as the field shows it: what a field is loaded with (a CPF or
 * phone stored bare, a lead's "+5511987654321") or what is pasted.
 */
export function masked(kind: MaskKind, value: string | null | undefined): string {
  if (!value) return ''
  // A whole value (loaded or pasted) may be a spreadsheet's "1500.50".
  const pre = kind === 'money' || kind === 'area' ? decimalComma : maskOptions[kind].preProcess
  return maskOf(kind).masked(pre ? pre(value) : value)
}

/** The characters that count: digits (and a CNPJ's letters). */
export function unmasked(kind: MaskKind, value: string): string {
  return kind === 'cpfCnpj' ? value.replace(/[^0-9A-Za-z]/g, '').toUpperCase() : digitsOnly(value)
}

/** "07/09/1985" → "1985-09-07"; null when it is no day of the calendar. */
export function isoDate(br: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(br.trim())
  if (!m) return null
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null
  return `${m[3]}-${m[2]}-${m[1]}`
}

/** "1985-09-07" → "07/09/1985"; "" for anything else. */
export function brDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '')
  return m ? `${m[3]}/${m[2]}/${m[1]}` : ''
}

/** Today in São Paulo as "YYYY-MM-DD", the day the office lives in. */
export function todayIso(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(now)
}

/**
 * The masks.* key of the text that explains a problem with a value. A
 * number from outside Brazil has no DDD: it gets its own texts, which ask
 * for the country code and the whole number.
 */
export function problemKey(kind: MaskKind, value: string, p: Exclude<Problem, null>): string {
  if (p === 'future') return 'masks.future'
  return `masks.${p}.${kind === 'phoneIntl' && foreign(value) ? 'phoneForeign' : kind}`
}

/** Options of check. */
export interface CheckOptions {
  /** For dates: a day after today is wrong (a birth date). */
  past?: boolean
  /** For dates: today, to compare with (tests). */
  today?: string
}

// Go's rule on top of the library's: an 11-digit number is a mobile and
// starts with 9 (backend/crm.brazilianNumber).
function validBrPhone(d: string): boolean {
  return isValidPhone(d) && (d.length === 10 || d[2] === '9')
}

// Ten or eleven digits starting with 55 that are no number of DDD 55 (RS):
// Brazil's code typed first, the rest still to come.
function typingCountryCode(d: string): boolean {
  return d.startsWith('55') && (d.length === 10 || d.length === 11) && !validBrPhone(d)
}

// chat is true for a phone a chat visitor gave (a lead's contact): Go reads
// it best-effort (crm.ParseChatPhone) and gives an old eight-digit mobile
// its ninth digit, so that number is fine here too.
function phoneProblem(v: string, chat = false): Problem {
  let d = nationalPhone(v)
  if (d.length < 10) return 'incomplete'
  // "55 11 98765-43…": Brazil's code being typed in front; nationalPhone
  // drops it only once the number is whole.
  if (typingCountryCode(d)) return 'incomplete'
  if (chat && d.length === 10 && d[2] >= '6') d = d.slice(0, 2) + '9' + d.slice(2)
  return validBrPhone(d) ? null : 'invalid'
}

/**
 * What is wrong with a value, or null. An empty value is fine here: which
 * fields are required is the backend's rule, said on save.
 */
export function check(kind: MaskKind, value: string | null | undefined, opts: CheckOptions = {}): Problem {
  const v = (value ?? '').trim()
  if (!v) return null
  const u = unmasked(kind, v)
  switch (kind) {
    case 'cpf':
      if (u.length < 11) return 'incomplete'
      return u.length === 11 && isValidCpf(u) ? null : 'invalid'
    case 'cpfCnpj':
      if (u.length < 11 || u.length === 12 || u.length === 13) return 'incomplete'
      if (u.length === 11) return /^\d+$/.test(u) && isValidCpf(u) ? null : 'invalid'
      return u.length === 14 && isValidCnpj(u, { version: 2 }) ? null : 'invalid'
    case 'phoneIntl':
      if (foreign(v)) return u.length < 8 ? 'incomplete' : u.length > 15 ? 'invalid' : null
      return phoneProblem(v, true)
    case 'phone':
      // Go's reservation form takes Brazilian numbers only (crm.ParsePhone).
      return foreign(v) ? 'invalid' : phoneProblem(v)
    case 'mobile': {
      // Go's crm.ValidMobile: DDD and nine digits. Ten digits after a 9 are
      // a mobile still being typed; after anything else, a landline.
      if (foreign(v)) return 'invalid'
      const d = nationalPhone(v)
      if ((d.length === 10 && d[2] === '9') || typingCountryCode(d)) return 'incomplete'
      const p = phoneProblem(v)
      return p ?? (d.length === 11 ? null : 'invalid')
    }
    case 'cep':
      if (u.length < 8) return 'incomplete'
      return isValidCep(u) ? null : 'invalid'
    case 'money':
    case 'area':
      return /^(\d{1,3}(\.\d{3})*|\d+)(,\d{1,2})?$/.test(decimalComma(v)) ? null : 'invalid'
    case 'date': {
      if (u.length < 8) return 'incomplete'
      const iso = isoDate(v)
      if (!iso || iso < '1900-01-01') return 'invalid'
      return opts.past && iso > (opts.today ?? todayIso()) ? 'future' : null
    }
  }
  return null
}

/**
 * Whether a value is as long as its mask allows, so a wrong one can be
 * said while the user is still in the field. A shorter value waits for
 * the blur: nobody wants "CPF inválido" after the first digit.
 */
export function complete(kind: MaskKind, value: string | null | undefined): boolean {
  const v = value ?? ''
  const u = unmasked(kind, v)
  switch (kind) {
    case 'cpf':
      return u.length >= 11
    case 'cpfCnpj':
      return u.length >= 14
    case 'phone':
    case 'phoneIntl':
      return foreign(v) ? u.length >= 15 : nationalPhone(v).length >= 11
    case 'mobile': {
      // A whole landline is said at once: no digit more makes it a mobile.
      const d = nationalPhone(v)
      return foreign(v) ? u.length >= 15 : d.length >= 11 || (d.length === 10 && d[2] !== '9')
    }
    case 'cep':
      return u.length >= 8
    case 'date':
      return u.length >= 8
    default:
      return false
  }
}
