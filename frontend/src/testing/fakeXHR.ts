// A stand-in for XMLHttpRequest for specs: it records what the page posts to
// the asset server and lets the spec answer, report progress or see an
// abort. Install it with vi.stubGlobal('XMLHttpRequest', FakeXHR) and clear
// FakeXHR.all before each spec.
export class FakeXHR {
  /** Every request made since the spec cleared the list, oldest first. */
  static all: FakeXHR[] = []
  /** The newest request, if any. */
  static get last(): FakeXHR | undefined {
    return FakeXHR.all.at(-1)
  }
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown
  status = 0
  responseText = ''
  responseType = ''
  aborted = false
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void } = {}
  onload?: () => void
  onerror?: () => void
  onabort?: (e?: unknown) => void
  constructor() {
    FakeXHR.all.push(this)
  }
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v
  }
  send(body: unknown) {
    this.body = body
  }
  abort() {
    this.aborted = true
    this.onabort?.()
  }
  answer(status: number, body: unknown) {
    this.status = status
    this.responseText = JSON.stringify(body)
    this.onload?.()
  }
}
