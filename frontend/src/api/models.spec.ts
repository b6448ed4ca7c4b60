// Rules on the generated models that src/api relies on to need no casts.
import { describe, it, expect } from 'vitest'
import models from '../../wailsjs/go/models.ts?raw'

describe('generated models', () => {
  it('are plain interfaces: what a binding returns is JSON, not a class instance', () => {
    expect(models).not.toMatch(/export class /)
  })

  it('type every Go time as string (a time.Time field needs ts_type:"string" beside its json tag)', () => {
    const untyped = models.split('\n').filter((l) => l.includes('// Go type: time'))
    expect(untyped).toEqual([])
    expect(models).not.toMatch(/^\s+\w+\??: any;$/m)
  })
})
