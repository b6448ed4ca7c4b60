// Reading a dropped or chosen File for the Go side, which takes base64
// because the bridge carries JSON.

/** Reads a File as base64 (no data: prefix) with FileReader. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.onload = () => {
      const url = String(reader.result ?? '')
      const comma = url.indexOf(',')
      resolve(comma >= 0 ? url.slice(comma + 1) : '')
    }
    reader.readAsDataURL(file)
  })
}

/** The size a base64 string decodes to, in bytes. */
export function base64Size(b64: string): number {
  if (!b64) return 0
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0
  return Math.floor((b64.length * 3) / 4) - pad
}

const kb = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 })

/** File sizes the way pt-BR screens write them: "7,1 KB", "2,4 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${kb.format(n / 1024)} KB`
  return `${kb.format(n / (1024 * 1024))} MB`
}
