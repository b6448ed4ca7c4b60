// Phones arrive normalised (E.164, "+5511987654321"); Brazilian numbers are
// shown the way people write them, others as they came.
export function formatPhone(p: string | undefined | null): string {
  if (!p) return ''
  const br = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(p)
  return br ? `+55 (${br[1]}) ${br[2]}-${br[3]}` : p
}
