/** Programmes · publicity, objections, decisions and payments (issue 23). */
export default {
  prgOutcomes: {
    menu: {
      outcomes: 'Publicity, decisions and payments',
    },
  },
}
