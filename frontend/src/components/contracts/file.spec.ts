import { describe, it, expect } from 'vitest'
import { base64Size, formatBytes, readAsBase64 } from './file'

describe('file helpers', () => {
  it('reads a file as plain base64', async () => {
    expect(await readAsBase64(new Blob(['%PDF-1.7']))).toBe(btoa('%PDF-1.7'))
  })
  it('knows the decoded size of base64', () => {
    for (const s of ['', 'a', 'ab', 'abc', '%PDF-1.7 contrato']) expect(base64Size(btoa(s))).toBe(s.length)
  })
  it('writes sizes the pt-BR way', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(7248)).toBe('7,1 KB')
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2,5 MB')
  })
})
