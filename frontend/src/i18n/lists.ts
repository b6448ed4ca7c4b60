// Texts of the long lists (Reservas, Leads): the count under the table.
// pt-BR.ts and en-US.ts spread them in at the top level.
export const listsPtBR = {
  lists: {
    reservationsTotal: 'Nenhuma reserva | 1 reserva | {n} reservas',
  },
}

export const listsEnUS: typeof listsPtBR = {
  lists: {
    reservationsTotal: 'No reservations | 1 reservation | {n} reservations',
  },
}
